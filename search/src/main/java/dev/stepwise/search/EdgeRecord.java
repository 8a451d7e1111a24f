package dev.stepwise.search;

import java.util.Objects;

/**
 * One tactic tried at one state of a recorded search tree.
 *
 * @param source the id of the state the tactic was applied to
 * @param target the id of the state it led to, or {@link #NO_NODE} when it led to no state
 *     (a proof, an error, a timeout, ...: see {@code kind})
 * @param score the tactic's score under the search's {@link ScoreMode}
 * @param message Lean's error, the rejection or filter reason, the crash detail; empty otherwise (stored as NULL)
 * @param environmentMicros time spent in the environment applying it (0 for filtered tactics)
 * @param thought the informal thought the model wrote before the tactic; empty when it wrote none (stored as NULL).
 *     A whole-proof sample keeps here the model's whole reply, reasoning and code block as written
 *     (what expert iteration trains a whole-proof model on)
 * @param feedback what the model was told right before writing this edge, when it was told more
 *     than the attempt's prompt: for a whole-proof revision, the repair turn with Lean's errors
 *     (Goedel-Prover-V2's self-correction message); empty otherwise (stored as NULL). A revision is
 *     recorded right after the edge it revises.
 */
public record EdgeRecord(int source, int target, String tactic, double logProbSum, int tokenCount, double score,
        EdgeKind kind, String message, long environmentMicros, String thought, String feedback) {
    public static final int NO_NODE = -1;

    /** An edge written after the attempt's own prompt alone. */
    public EdgeRecord(int source, int target, String tactic, double logProbSum, int tokenCount, double score,
            EdgeKind kind, String message, long environmentMicros, String thought) {
        this(source, target, tactic, logProbSum, tokenCount, score, kind, message, environmentMicros, thought, "");
    }

    /** An edge whose tactic came without a thought. */
    public EdgeRecord(int source, int target, String tactic, double logProbSum, int tokenCount, double score,
            EdgeKind kind, String message, long environmentMicros) {
        this(source, target, tactic, logProbSum, tokenCount, score, kind, message, environmentMicros, "");
    }

    public EdgeRecord {
        Objects.requireNonNull(tactic, "tactic");
        Objects.requireNonNull(thought, "thought");
        Objects.requireNonNull(feedback, "feedback");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(message, "message");
        if (source < 0 || tokenCount < 1 || environmentMicros < 0) {
            throw new IllegalArgumentException("edge '" + tactic + "': source and environmentMicros must be >= 0 and "
                    + "tokenCount >= 1, got " + source + ", " + environmentMicros + " and " + tokenCount);
        }
        if (Double.isNaN(logProbSum) || Double.isNaN(score)) {
            throw new IllegalArgumentException("edge '" + tactic + "': log-prob sum and score must be numbers");
        }
        if ((kind == EdgeKind.PROGRESS) != (target != NO_NODE)) {
            throw new IllegalArgumentException("an edge has a target exactly when its kind is progress; got " + kind
                    + " with target " + target);
        }
    }

    /** Whether this edge revises the one recorded before it (it was written after feedback on that one). */
    public boolean revision() {
        return !feedback.isEmpty();
    }
}
