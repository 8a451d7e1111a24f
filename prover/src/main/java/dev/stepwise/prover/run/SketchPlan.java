package dev.stepwise.prover.run;

import dev.stepwise.search.SearchConfig;
import java.util.Objects;

/**
 * One sketch attempt's shape.
 *
 * @param sketches sketches the planner writes per attempt at most (a failed one sends it back for another)
 * @param holeSearch the step search each hole gets, with its own budget
 */
public record SketchPlan(int sketches, SearchConfig holeSearch) {
    public SketchPlan {
        Objects.requireNonNull(holeSearch, "holeSearch");
        if (sketches < 1) {
            throw new IllegalArgumentException("sketches must be >= 1, got " + sketches);
        }
    }
}
