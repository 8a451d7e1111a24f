package dev.stepwise.prover.store;

import dev.stepwise.search.EdgeKind;
import dev.stepwise.search.TacticOutcome;

/**
 * What became of one tactic tried by the search, as stored: the cases of the search's
 * {@link EdgeKind} (which refine {@link TacticOutcome} with the acceptance check, the candidate
 * filter and cycles), each with the code the database holds, so renaming a Java constant never
 * changes stored data.
 */
public enum EdgeOutcome implements Columns.Coded {
    PROGRESS("progress", EdgeKind.PROGRESS),
    /** Every goal closed and the acceptance check accepted the proof. */
    PROOF_COMPLETE("proof-complete", EdgeKind.PROOF_COMPLETE),
    /** Every goal closed but the acceptance check rejected the proof (the error text says why). */
    PROOF_REJECTED("proof-rejected", EdgeKind.PROOF_REJECTED),
    LEAN_ERROR("lean-error", EdgeKind.LEAN_ERROR),
    TIMEOUT("timeout", EdgeKind.TIMEOUT),
    /** The environment refused the tactic before it reached Lean. */
    REJECTED("rejected", EdgeKind.REJECTED),
    CRASHED("crashed", EdgeKind.CRASHED),
    /** The search's own candidate filter dropped it; it never reached the environment. */
    FILTERED("filtered", EdgeKind.FILTERED),
    /** It led back to a state from which its own state is reachable: no progress. */
    CYCLE("cycle", EdgeKind.CYCLE);

    private final String code;
    private final EdgeKind kind;

    EdgeOutcome(String code, EdgeKind kind) {
        this.code = code;
        this.kind = kind;
    }

    /** The stored form of a search edge's kind. */
    public static EdgeOutcome of(EdgeKind kind) {
        for (EdgeOutcome o : values()) {
            if (o.kind == kind) {
                return o;
            }
        }
        throw new IllegalArgumentException("no stored outcome for edge kind " + kind);
    }

    /** The search's edge kind this outcome stores. */
    public EdgeKind kind() {
        return kind;
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
