package dev.stepwise.iteration;

import java.util.Locale;

/** The stages of a round, in the order they run. */
public enum Stage {
    SELECT,
    SEARCH,
    HARVEST,
    FILTER,
    EXPORT,
    /** Retrospective thoughts for the kept proof steps (Lean-STaR); off by default. */
    THOUGHTS,
    TRAIN,
    EVALUATE,
    PROMOTE;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
