package dev.stepwise.iteration;

import dev.stepwise.search.Theorem;
import java.util.Collection;
import java.util.Map;

/**
 * What earlier runs did with each statement (the application's store). Only runs of the same
 * statement count (name, header and statement text alike) against the same Lean and model: a
 * statement of that name proved in another world, or a differently worded one, says nothing about
 * this one.
 */
public interface ProblemHistory {

    record Past(int attempts, boolean solved) {
        public Past {
            if (attempts < 0) {
                throw new IllegalArgumentException("attempts must be >= 0, got " + attempts);
            }
        }

        public static final Past NONE = new Past(0, false);
    }

    /** The history of each theorem that has one, by name; theorems never tried are absent. */
    Map<String, Past> of(Collection<Theorem> theorems);
}
