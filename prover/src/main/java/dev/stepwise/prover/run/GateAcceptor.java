package dev.stepwise.prover.run;

import dev.stepwise.lean.AcceptanceGate;
import dev.stepwise.prover.problems.LeanDeclaration;
import dev.stepwise.prover.problems.LeanFileParser;
import dev.stepwise.prover.store.GateVerdict;
import dev.stepwise.prover.store.Verdict;
import dev.stepwise.search.AcceptanceVerdict;
import dev.stepwise.search.Proof;
import dev.stepwise.search.ProofAcceptor;
import dev.stepwise.search.Theorem;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The search's acceptance check wired to the Lean acceptance gate: a proof counts only after the
 * whole theorem was elaborated again with its axioms audited. The gate's full verdict (reasons,
 * axioms, time) is kept so the run can store it with the proof.
 */
public final class GateAcceptor implements ProofAcceptor {

    private record Key(String theorem, List<String> tactics) {
    }

    private final AcceptanceGate gate;
    private final InstantSource clock;
    private final ConcurrentMap<Key, GateVerdict> verdicts = new ConcurrentHashMap<>();

    public GateAcceptor(AcceptanceGate gate, InstantSource clock) {
        this.gate = gate;
        this.clock = clock;
    }

    @Override
    public AcceptanceVerdict check(Theorem theorem, Proof proof) {
        var started = clock.instant();
        dev.stepwise.lean.GateVerdict v = gate.check(theorem.header(), declarationName(theorem), theorem.statement(),
                theoremText(theorem.statement(), proof.tactics()));
        Duration took = Duration.between(started, clock.instant());
        GateVerdict stored = new GateVerdict(v.accepted() ? Verdict.ACCEPTED : Verdict.REJECTED, v.reasons(), v.axioms(),
                took.isNegative() ? Duration.ZERO : took);
        verdicts.put(new Key(theorem.name(), proof.tactics()), stored);
        return v.accepted() ? AcceptanceVerdict.ACCEPTED : new AcceptanceVerdict.Rejected(String.join("; ", v.reasons()));
    }

    /** The gate's verdict on this proof of this theorem, if it was checked here. */
    public Optional<GateVerdict> verdict(String theorem, List<String> tactics) {
        return Optional.ofNullable(verdicts.get(new Key(theorem, List.copyOf(tactics))));
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
