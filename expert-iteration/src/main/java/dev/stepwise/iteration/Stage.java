package dev.stepwise.iteration;

import java.util.Locale;

/** The stages of a round, in the order they run. */
public enum Stage {
    SELECT,
    SEARCH,
    HARVEST,
    /** New statements proposed from the round's proofs, checked and attempted (STP); off by default. */
    CONJECTURE,
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
