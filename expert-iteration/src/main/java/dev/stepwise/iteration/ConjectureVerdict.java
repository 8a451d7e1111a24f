package dev.stepwise.iteration;

import java.util.Locale;

/** What a round decided about one conjecture; each is stored with it. */
public enum ConjectureVerdict {
    /** Lean did not accept it as a statement (with {@code sorry} as its proof). */
    NOT_ELABORATING,
    /** A statement of the pool, or an earlier conjecture, up to alpha-renaming and whitespace. */
    DUPLICATE,
    /** The acceptance gate's word filter refuses its text. */
    REFUSED,
    /** No attempt proved it (it stays in the pool of later rounds). */
    UNPROVABLE,
    /** Proved, but less often than the band's low end. */
    TOO_HARD,
    /** Proved more often than the band's high end. */
    TOO_EASY,
    /** Barely provable: proved, at a success rate inside the band; trains the conjecturer. */
    KEPT;

    public String code() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
