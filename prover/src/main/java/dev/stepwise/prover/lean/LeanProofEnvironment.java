package dev.stepwise.prover.lean;

import dev.stepwise.lean.ProofSessions;
import dev.stepwise.lean.SessionStart;
import dev.stepwise.lean.SketchElaboration;
import dev.stepwise.lean.SessionState;
import dev.stepwise.lean.StepOutcome;
import dev.stepwise.search.ProofEnvironment;
import dev.stepwise.search.ProofState;
import dev.stepwise.search.StartOutcome;
import dev.stepwise.search.StateHandle;
import dev.stepwise.search.TacticOutcome;
import dev.stepwise.search.Theorem;
import java.util.List;
import java.util.Objects;

/**
 * The search's {@link ProofEnvironment} over Lean proof sessions. Every outcome of a session maps
 * to one of the search's; a lost process never reaches the search (the session replays). The
 * switch in {@link #apply} is the one place where lean-bridge's {@code StepOutcome} becomes the
 * search's {@code TacticOutcome}: the two modules depend on nothing of ours and cannot see each
 * other, so each keeps its own sealed type and only here, where both are visible, does one turn
 * into the other.
 */
public final class LeanProofEnvironment implements ProofEnvironment {
    private final ProofSessions sessions;

    public LeanProofEnvironment(ProofSessions sessions) {
        this.sessions = Objects.requireNonNull(sessions, "sessions");
    }

    /** The search's handle on a session state; it outlives the process that made the state. */
    record LeanStateHandle(SessionState state) implements StateHandle {
        LeanStateHandle {
            Objects.requireNonNull(state, "state");
        }
    }

    @Override
    public StartOutcome start(Theorem theorem) {
        return switch (sessions.start(theorem.header(), theorem.statement())) {
            case SessionStart.Started s -> new StartOutcome.Started(proofState(s.root()));
            case SessionStart.Failed f -> new StartOutcome.Failed(f.reason());
            case SessionStart.StatementRejected r -> new StartOutcome.StatementRejected(r.reason());
        };
    }

    @Override
    public TacticOutcome apply(Theorem theorem, ProofState state, List<String> proofBefore, String tactic) {
        if (!(state.handle() instanceof LeanStateHandle handle)) {
            throw new IllegalArgumentException("not a Lean state: " + state.handle());
        }
        if (!handle.state().path().equals(proofBefore)) {
            throw new IllegalArgumentException("the tactic path " + proofBefore + " is not the path of the state "
                    + handle.state().path());
        }
        return switch (sessions.apply(handle.state(), tactic)) {
            case StepOutcome.Progress p -> new TacticOutcome.Progress(proofState(p.state()));
            case StepOutcome.Complete c -> new TacticOutcome.ProofComplete();
            case StepOutcome.LeanError e -> new TacticOutcome.LeanError(e.message());
            case StepOutcome.Timeout t -> new TacticOutcome.Timeout(t.after());
            case StepOutcome.Crash c -> new TacticOutcome.Crashed(c.detail());
            case StepOutcome.Refused r -> new TacticOutcome.Rejected(r.reason());
        };
    }

    /**
     * Elaborates {@code sketch} (tactic lines with {@code have ... := by sorry} holes) as the
     * proof of {@code theorem}, once; each hole Lean reports with a proof state becomes a root
     * state the search can start from and apply tactics to like any other.
     */
    public SketchStart sketch(Theorem theorem, String sketch) {
        return switch (sessions.sketch(theorem.header(), theorem.statement(), sketch)) {
            case SketchElaboration.Holes h -> new SketchStart.Holes(h.holes().stream()
                    .map(LeanProofEnvironment::proofState).toList());
            case SketchElaboration.Rejected r -> new SketchStart.Rejected(r.errors());
            case SketchElaboration.Failed f -> new SketchStart.Failed(f.reason());
        };
    }

    private static ProofState proofState(SessionState s) {
        return new ProofState(new LeanStateHandle(s), s.goalsText(), s.goals().size());
    }
}
