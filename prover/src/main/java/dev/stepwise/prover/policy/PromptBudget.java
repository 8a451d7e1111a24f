package dev.stepwise.prover.policy;

import java.nio.file.Path;
import java.util.Objects;

/** How long a prompt may be: in the model's tokens (with its tokenizer), or in characters. */
public sealed interface PromptBudget {

    record Tokens(Path tokenizer, int limit) implements PromptBudget {
        public Tokens {
            Objects.requireNonNull(tokenizer, "tokenizer");
            if (limit < 1) {
                throw new IllegalArgumentException("token budget must be >= 1, got " + limit);
            }
        }
    }

    record Chars(int limit) implements PromptBudget {
        public Chars {
            if (limit < 1) {
                throw new IllegalArgumentException("character budget must be >= 1, got " + limit);
            }
        }
    }
}
