package dev.stepwise.iteration;

import dev.stepwise.search.Theorem;
import java.util.List;
import java.util.Objects;

/**
 * What {@code stepwise iterate} asks for.
 *
 * @param number the round to start or resume; 0 means the next one (or, with resume, the unfinished one)
 * @param pool the pool's name as the user gave it (dataset name or file); stored with the round
 * @param poolProblems its statements
 * @param settings the settings for a new round (a resumed round keeps its own)
 */
public record RoundRequest(int number, Resume resume, String pool, List<Theorem> poolProblems, RoundSettings settings) {

    /** Whether to continue an unfinished round or start a new one. */
    public enum Resume {
        NEW,
        RESUME
    }

    public RoundRequest {
        Objects.requireNonNull(resume, "resume");
        Objects.requireNonNull(pool, "pool");
        poolProblems = List.copyOf(poolProblems);
        Objects.requireNonNull(settings, "settings");
        if (number < 0) {
            throw new IllegalArgumentException("round numbers start at 1, got " + number);
        }
    }
}
