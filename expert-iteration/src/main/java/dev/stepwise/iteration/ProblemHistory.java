package dev.stepwise.iteration;

import java.util.Collection;
import java.util.Map;

/** What earlier runs did with each statement, by name (the application's store). */
public interface ProblemHistory {

    record Past(int attempts, boolean solved) {
        public Past {
            if (attempts < 0) {
                throw new IllegalArgumentException("attempts must be >= 0, got " + attempts);
            }
        }

        public static final Past NONE = new Past(0, false);
    }

    /** The history of each name that has one; names never tried are absent. */
    Map<String, Past> of(Collection<String> names);
}
