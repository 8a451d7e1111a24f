package dev.stepwise.iteration;

/** What the promote stage decided. */
public enum Promotion {
    /** The candidate beat the current model by more than the margin and is now in service. */
    PROMOTED,
    /** The current model stays in service. */
    KEPT_CURRENT
}
