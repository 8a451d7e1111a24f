package dev.stepwise.prover.policy;

import dev.stepwise.prover.policy.prompt.CharCounter;
import dev.stepwise.prover.policy.prompt.HuggingFaceTokenCounter;
import dev.stepwise.prover.policy.prompt.TokenCounter;
import java.nio.file.Path;
import java.util.Objects;

/** How long a prompt may be: in the model's tokens (with its tokenizer), or in characters. */
public sealed interface PromptBudget {

    /** The most tokens (or characters) a prompt may have. */
    int limit();

    /**
     * The counter this budget counts with: the tokenizer's (which the caller closes, see
     * {@link #release}), or characters.
     */
    default TokenCounter openCounter() {
        return switch (this) {
            case Tokens t -> HuggingFaceTokenCounter.load(t.tokenizer());
            case Chars c -> new CharCounter();
        };
    }

    /** Frees what {@link #openCounter()} loaded. */
    static void release(TokenCounter counter) {
        if (counter instanceof HuggingFaceTokenCounter hf) {
            hf.close();
        }
    }

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
