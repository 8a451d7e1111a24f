package dev.stepwise.iteration;

/** Why the promote stage decided as it did; each reason that keeps the current model is its own value. */
public enum PromotionBasis {
    /** The candidate solved more held-out statements, beyond the margin, at the configured confidence. */
    SUFFICIENT_GAIN("sufficient gain"),
    /** The held-out split is smaller than {@code iterate.min-held-out}: no difference on it is evidence. */
    TOO_FEW_HELD_OUT("too few held-out"),
    /** The candidate solved fewer held-out statements: never promoted, whatever the test says. */
    REGRESSION("regression"),
    /** Both solved as many. */
    NO_GAIN("no gain"),
    /** The candidate's pass rate did not exceed the current one's by more than {@code iterate.promotion-margin}. */
    WITHIN_MARGIN("within margin"),
    /** The exact McNemar test could not tell the gain from chance at {@code iterate.promotion-confidence}. */
    NOT_SIGNIFICANT("not significant");

    private final String label;

    PromotionBasis(String label) {
        this.label = label;
    }

    /** How {@code rounds list} and the reports name it. */
    public String label() {
        return label;
    }
}
