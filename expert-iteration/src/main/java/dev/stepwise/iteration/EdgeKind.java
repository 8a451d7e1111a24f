package dev.stepwise.iteration;

import dev.stepwise.search.TacticOutcome;

/** What Lean said to one tactic of a recorded search, as harvesting needs it. */
public enum EdgeKind {
    PROGRESS,
    PROOF_COMPLETE,
    LEAN_ERROR,
    TIMEOUT,
    REJECTED,
    CRASHED;

    public static EdgeKind of(TacticOutcome outcome) {
        return switch (outcome) {
            case TacticOutcome.Progress p -> PROGRESS;
            case TacticOutcome.ProofComplete p -> PROOF_COMPLETE;
            case TacticOutcome.LeanError e -> LEAN_ERROR;
            case TacticOutcome.Timeout t -> TIMEOUT;
            case TacticOutcome.Rejected r -> REJECTED;
            case TacticOutcome.Crashed c -> CRASHED;
        };
    }
}
