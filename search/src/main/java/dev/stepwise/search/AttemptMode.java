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
    WHOLE_PROOF("whole-proof"),
    /**
     * A planner's proof sketch with {@code sorry} holes, each hole searched step by step from the
     * proof state Lean gave it, the assembled proof checked whole.
     */
    SKETCH("sketch");

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
        throw new IllegalArgumentException("unknown attempt mode '" + code + "'; known: step, whole-proof, sketch");
    }

    /**
     * The modes a setting such as {@code sketch,step} names, in the order a theorem tries them
     * (mixed mode); each mode at most once.
     */
    public static java.util.List<AttemptMode> listOf(String codes) {
        java.util.List<AttemptMode> out = new java.util.ArrayList<>();
        for (String c : codes.split(",", -1)) {
            AttemptMode m = ofCode(c.strip());
            if (out.contains(m)) {
                throw new IllegalArgumentException("attempt mode '" + m.code + "' is named twice in '" + codes + "'");
            }
            out.add(m);
        }
        return java.util.List.copyOf(out);
    }
}
