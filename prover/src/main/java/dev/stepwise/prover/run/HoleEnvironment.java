package dev.stepwise.prover.run;

import dev.stepwise.search.ProofEnvironment;
import dev.stepwise.search.ProofState;
import dev.stepwise.search.StartOutcome;
import dev.stepwise.search.TacticOutcome;
import dev.stepwise.search.Theorem;
import java.util.List;
import java.util.Objects;

/**
 * Lean as a hole's search sees it: the search starts at the hole's proof state (the one the REPL
 * gave the sketch's {@code sorry}) instead of elaborating the theorem, and every tactic goes to
 * the run's environment as any other search's does.
 */
final class HoleEnvironment implements ProofEnvironment {
    private final ProofEnvironment lean;
    private final ProofState hole;

    HoleEnvironment(ProofEnvironment lean, ProofState hole) {
        this.lean = Objects.requireNonNull(lean, "lean");
        this.hole = Objects.requireNonNull(hole, "hole");
    }

    @Override
    public StartOutcome start(Theorem theorem) {
        return new StartOutcome.Started(hole);
    }

    @Override
    public TacticOutcome apply(Theorem theorem, ProofState state, List<String> proofBefore, String tactic) {
        return lean.apply(theorem, state, proofBefore, tactic);
    }
}
