package dev.stepwise.prover.rounds;

import dev.stepwise.iteration.ExampleKind;
import dev.stepwise.prover.store.RoundId;
import java.util.Objects;

/**
 * A stored training example.
 *
 * @param sourceAttempt the application's name for the attempt it came from
 * @param filter the filter stage's verdict, or null before filtering
 */
public record TrainingExample(ExampleId id, RoundId round, ExampleKind kind, ExampleContent content,
        String sourceProblem, String sourceAttempt, String contentHash, FilterVerdict filter) {
    public TrainingExample {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(round, "round");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(sourceProblem, "sourceProblem");
        Objects.requireNonNull(sourceAttempt, "sourceAttempt");
        Objects.requireNonNull(contentHash, "contentHash");
    }
}
