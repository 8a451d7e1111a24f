package dev.stepwise.iteration;

import dev.stepwise.search.Theorem;
import java.util.List;
import java.util.Objects;

/** One statement as a round's search left it: every attempt's tree, and whether the pre-pass found it easy. */
public record SearchedProblem(Theorem theorem, Difficulty difficulty, List<SearchedAttempt> attempts) {
    public SearchedProblem {
        Objects.requireNonNull(theorem, "theorem");
        Objects.requireNonNull(difficulty, "difficulty");
        attempts = List.copyOf(attempts);
    }

    /** Whether some attempt's proof passed the acceptance gate. */
    public boolean proved() {
        return attempts.stream().anyMatch(a -> a.verdict() == Verdict.ACCEPTED);
    }
}
