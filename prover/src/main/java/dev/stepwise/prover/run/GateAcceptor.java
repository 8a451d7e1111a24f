package dev.stepwise.prover.run;

import dev.stepwise.lean.AcceptanceGate;
import dev.stepwise.lean.GateDecision;
import dev.stepwise.lean.GateVerdict;
import dev.stepwise.lean.Message;
import dev.stepwise.prover.policy.prompt.LeanError;
import dev.stepwise.prover.problems.LeanDeclaration;
import dev.stepwise.prover.problems.LeanFileParser;
import dev.stepwise.search.AcceptanceVerdict;
import dev.stepwise.search.Proof;
import dev.stepwise.search.ProofAcceptor;
import dev.stepwise.search.Theorem;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;

/**
 * The search's acceptance check wired to the Lean acceptance gate: a proof counts only after the
 * whole theorem was elaborated again with its axioms audited. The gate's verdict (axioms, time)
 * goes back to the search as its {@link AcceptanceVerdict.Accepted}, which the search puts in its
 * proved outcome, so the run stores it with the proof. This is the one place where the gate's
 * {@code dev.stepwise.lean.GateVerdict} becomes the search's verdict: neither module can see the
 * other. A check Lean could not answer
 * (the gate's {@code UNCHECKED}) is retried and, if Lean stays silent, reported as
 * {@link AcceptanceVerdict.Unchecked}: never counted as a rejection.
 */
public final class GateAcceptor implements ProofAcceptor {

    /** Gate checks of one proof before Lean's silence is reported as such; each may itself retry a crash. */
    static final int UNCHECKED_TRIES = 3;

    /** What the acceptor asks of the gate: {@link AcceptanceGate#check}, one full check of one theorem. */
    @FunctionalInterface
    interface TheoremCheck {
        GateVerdict check(String header, String name, String referenceStatement, String theorem);
    }

    private final TheoremCheck gate;
    private final InstantSource clock;

    public GateAcceptor(AcceptanceGate gate, InstantSource clock) {
        this(gate::check, clock);
    }

    GateAcceptor(TheoremCheck gate, InstantSource clock) {
        this.gate = gate;
        this.clock = clock;
    }

    @Override
    public AcceptanceVerdict check(Theorem theorem, Proof proof) {
        return checkWhole(theorem, proof).verdict();
    }

    /**
     * The same check, with what a repair turn needs: the text Lean elaborated and its errors in it.
     * Whole-proof attempts ask this ({@link WholeProofChecker}).
     */
    public WholeProofChecker.Checked checkWhole(Theorem theorem, Proof proof) {
        var started = clock.instant();
        String name = declarationName(theorem);
        String text = theoremText(theorem.statement(), proof.tactics());
        GateVerdict v = gate.check(theorem.header(), name, theorem.statement(), text);
        // Lean's silence (a crash or timeout while checking) is no verdict: ask again, each time on a
        // process the pool has freshly handed out (the gate's own retries cover only crashes).
        for (int tries = 1; v.decision() == GateDecision.UNCHECKED && tries < UNCHECKED_TRIES; tries++) {
            v = gate.check(theorem.header(), name, theorem.statement(), text);
        }
        Duration took = Duration.between(started, clock.instant());
        Duration time = took.isNegative() ? Duration.ZERO : took;
        return new WholeProofChecker.Checked(verdict(v, time), text, errors(v));
    }

    /** Lean's errors with a position, as the repair format shows them. */
    private static List<LeanError> errors(GateVerdict v) {
        List<LeanError> out = new java.util.ArrayList<>();
        for (Message m : v.leanErrors()) {
            if (m.pos() == null || !m.pos().path("line").canConvertToInt() || m.pos().path("line").asInt() < 1) {
                continue;
            }
            boolean end = m.endPos() != null && m.endPos().path("line").asInt(0) >= 1;
            out.add(new LeanError(m.pos().path("line").asInt(), Math.max(0, m.pos().path("column").asInt(0)),
                    end ? m.endPos().path("line").asInt() : 0, end ? Math.max(0, m.endPos().path("column").asInt(0)) : 0,
                    m.data()));
        }
        return out;
    }

    private static AcceptanceVerdict verdict(GateVerdict v, Duration time) {
        return switch (v.decision()) {
            case ACCEPTED -> new AcceptanceVerdict.Accepted(v.reasons(), v.axioms(), time);
            case REJECTED -> new AcceptanceVerdict.Rejected(String.join("; ", v.reasons()));
            case UNCHECKED -> new AcceptanceVerdict.Unchecked(UNCHECKED_TRIES + " checks got no answer from Lean: "
                    + String.join("; ", v.reasons()));
        };
    }

    /** The text the gate elaborates and a proved file contains: the statement and the tactics under it. */
    public static String theoremText(String statement, List<String> tactics) {
        StringBuilder b = new StringBuilder(statement.stripTrailing());
        for (String t : tactics) {
            b.append("\n  ").append(t.strip().replace("\n", "\n  "));
        }
        return b.toString();
    }

    /**
     * The Lean name of the declaration, which {@code #print axioms} needs; a problem's own name may
     * differ (a repeated name in a dataset becomes {@code name~2}).
     */
    static String declarationName(Theorem theorem) {
        List<LeanDeclaration> ds = LeanFileParser.declarations(theorem.statement() + "\n  sorry\n", theorem.name());
        return ds.get(0).name();
    }
}
