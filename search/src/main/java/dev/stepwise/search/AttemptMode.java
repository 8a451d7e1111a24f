package dev.stepwise.search;

/**
 * How an attempt looked for its proof. Every mode ends at the same acceptance check and leaves
 * the same kind of {@link RecordedTree}: a whole-proof attempt's tree is its root with one edge
 * per sampled proof.
 */
public enum AttemptMode {
    /** Best-first search, one tactic at a time ({@link Search}). */
    STEP("step"),
    /** Complete proofs sampled from a model, each checked whole. */
    WHOLE_PROOF("whole-proof");

    private final String code;

    AttemptMode(String code) {
        this.code = code;
    }

    /** The name settings, the store and result files use. */
    public String code() {
        return code;
    }

    /** The mode named {@code code}, as {@link #code()} writes it. */
    public static AttemptMode ofCode(String code) {
        for (AttemptMode m : values()) {
            if (m.code.equals(code)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown attempt mode '" + code + "'; known: step, whole-proof");
    }
}
