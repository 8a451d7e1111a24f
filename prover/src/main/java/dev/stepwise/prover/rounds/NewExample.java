package dev.stepwise.prover.rounds;

import dev.stepwise.iteration.ExampleKind;
import dev.stepwise.prover.store.Columns;
import dev.stepwise.prover.store.RoundId;
import java.util.Objects;

/**
 * A harvested training example.
 *
 * @param sourceProblem the statement it came from
 * @param sourceAttempt the attempt whose tree it came from, by the application's name for it (a
 *     stored attempt is named by its id)
 * @param filter the filter stage's verdict, or null when it has not been filtered yet
 */
public record NewExample(RoundId round, ExampleKind kind, ExampleContent content, String sourceProblem,
        String sourceAttempt, FilterVerdict filter) {
    public NewExample {
        Objects.requireNonNull(round, "round");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(sourceProblem, "sourceProblem");
        Objects.requireNonNull(sourceAttempt, "sourceAttempt");
        boolean completion = content instanceof ExampleContent.Completion;
        if ((kind == ExampleKind.SFT) != completion) {
            throw new IllegalArgumentException(kind + " examples need " + (kind == ExampleKind.SFT ? "a completion" : "a preference pair"));
        }
    }

    /**
     * The identity of an example across rounds: SHA-256 over its kind and texts, each field
     * length-prefixed so that moving text between fields changes the hash. It is the same digest
     * as the expert-iteration module's {@code Example.contentHash()}, so both deduplicate alike.
     */
    public String contentHash() {
        return switch (content) {
            case ExampleContent.Completion c -> ofFields(RoundCodes.EXAMPLE_KIND.code(kind), c.prompt(), c.completion());
            case ExampleContent.Preference p -> ofFields(RoundCodes.EXAMPLE_KIND.code(kind), p.prompt(), p.chosen(), p.rejected());
        };
    }

    private static String ofFields(String... fields) {
        StringBuilder b = new StringBuilder();
        for (String f : fields) {
            b.append(f.length()).append(':').append(f).append('\n');
        }
        return Columns.sha256Hex(b.toString());
    }
}
