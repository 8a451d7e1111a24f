package dev.stepwise.prover.store;

import dev.stepwise.search.TacticOutcome;

/**
 * What became of one tactic tried by the search, as stored: the cases of the search's
 * {@code EdgeKind} (which refine {@link TacticOutcome} with the acceptance check, the candidate
 * filter and cycles).
 */
public enum EdgeOutcome implements Columns.Coded {
    PROGRESS("progress"),
    /** Every goal closed and the acceptance check accepted the proof. */
    PROOF_COMPLETE("proof-complete"),
    /** Every goal closed but the acceptance check rejected the proof (the error text says why). */
    PROOF_REJECTED("proof-rejected"),
    LEAN_ERROR("lean-error"),
    TIMEOUT("timeout"),
    /** The environment refused the tactic before it reached Lean. */
    REJECTED("rejected"),
    CRASHED("crashed"),
    /** The search's own candidate filter dropped it; it never reached the environment. */
    FILTERED("filtered"),
    /** It led back to a state from which its own state is reachable: no progress. */
    CYCLE("cycle");

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
