package dev.stepwise.prover.problems;

import java.util.List;
import java.util.Objects;

/**
 * Problems loaded from one source, with notes about what loading changed (a repeated name made
 * unique, a term-mode {@code :=} turned into {@code := by}). Names are unique within a set.
 */
public record ProblemSet(String source, List<Problem> problems, List<String> notes) {
    public ProblemSet {
        Objects.requireNonNull(source, "source");
        problems = List.copyOf(problems);
        notes = List.copyOf(notes);
    }
}
