package dev.stepwise.prover.store;

import dev.stepwise.search.TacticOutcome;

/** What Lean said to one tactic: the cases of {@link TacticOutcome}, as stored. */
public enum EdgeOutcome implements Columns.Coded {
    PROGRESS("progress"),
    PROOF_COMPLETE("proof-complete"),
    LEAN_ERROR("lean-error"),
    TIMEOUT("timeout"),
    REJECTED("rejected"),
    CRASHED("crashed");

    private final String code;

    EdgeOutcome(String code) {
        this.code = code;
    }

    @Override
    public String code() {
        return code;
    }

    public static EdgeOutcome of(TacticOutcome outcome) {
        return switch (outcome) {
            case TacticOutcome.Progress p -> PROGRESS;
            case TacticOutcome.ProofComplete p -> PROOF_COMPLETE;
            case TacticOutcome.LeanError e -> LEAN_ERROR;
            case TacticOutcome.Timeout t -> TIMEOUT;
            case TacticOutcome.Rejected r -> REJECTED;
            case TacticOutcome.Crashed c -> CRASHED;
        };
    }

    /** The text stored with an edge: Lean's error, the rejection reason, the crash; null for success. */
    public static String errorText(TacticOutcome outcome) {
        return switch (outcome) {
            case TacticOutcome.Progress p -> null;
            case TacticOutcome.ProofComplete p -> null;
            case TacticOutcome.LeanError e -> e.message();
            case TacticOutcome.Timeout t -> "timed out after " + t.after().toMillis() + " ms";
            case TacticOutcome.Rejected r -> r.reason();
            case TacticOutcome.Crashed c -> c.detail();
        };
    }
}
