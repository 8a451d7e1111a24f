package dev.stepwise.prover.store;

import java.util.Objects;

/**
 * A harvested training example.
 *
 * @param sourceProblem the statement it came from
 * @param sourceAttempt the attempt whose tree it came from, or null
 */
public record NewExample(RoundId round, ExampleKind kind, ExampleContent content, String sourceProblem,
        AttemptId sourceAttempt) {
    public NewExample {
        Objects.requireNonNull(round, "round");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(sourceProblem, "sourceProblem");
        boolean completion = content instanceof ExampleContent.Completion;
        if ((kind == ExampleKind.SFT) != completion) {
            throw new IllegalArgumentException(kind + " examples need " + (kind == ExampleKind.SFT ? "a completion" : "a preference pair"));
        }
    }

    /**
     * The identity of an example across rounds: SHA-256 over its kind and texts, each field
     * length-prefixed so that moving text between fields changes the hash.
     */
    public String contentHash() {
        StringBuilder b = new StringBuilder(kind.code());
        switch (content) {
            case ExampleContent.Completion c -> append(append(b, c.prompt()), c.completion());
            case ExampleContent.Preference p -> append(append(append(b, p.prompt()), p.chosen()), p.rejected());
        }
        return Columns.sha256Hex(b.toString());
    }

    private static StringBuilder append(StringBuilder b, String field) {
        return b.append('\n').append(field.length()).append(':').append(field);
    }
}
