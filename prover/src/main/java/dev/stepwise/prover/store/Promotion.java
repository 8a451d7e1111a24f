package dev.stepwise.prover.store;

/** What the promote stage decided. */
public enum Promotion implements Columns.Coded {
    /** The candidate beat the current model by the margin and is now in service. */
    PROMOTED("promoted"),
    /** The current model stays. */
    KEPT_CURRENT("kept-current");

    private final String code;

    Promotion(String code) {
        this.code = code;
    }

    @Override
    public String code() {
        return code;
    }
}
