package dev.stepwise.prover.policy.prompt;

import java.util.Objects;

/**
 * The generation lengths a template's model was released with. They are the defaults of
 * {@code model.max-tokens}, {@code model.prompt-budget} and {@code model.prompt-chars} for that
 * template (a value set in a file, the environment or a flag still wins), and the context
 * {@code make serve-model} starts the server with. Sources are in docs/evidence/model-servers.md.
 *
 * @param maxTokens most tokens of one tactic, as the released search samples them
 * @param promptTokens most tokens of a prompt: the served context less {@code maxTokens}, or the
 *     released input cut
 * @param promptChars most characters of a prompt when no tokenizer is configured (an estimate of
 *     {@code promptTokens}; a tokenizer counts exactly)
 * @param contextTokens the context the released run served ({@code --max-model-len}); 0 when the
 *     release left it to the model's own configuration
 * @param source where the numbers come from, in one line
 */
public record ReleasedSettings(int maxTokens, int promptTokens, int promptChars, int contextTokens, String source) {
    public ReleasedSettings {
        Objects.requireNonNull(source, "source");
        if (maxTokens < 1 || promptTokens < 1 || promptChars < 1 || contextTokens < 0) {
            throw new IllegalArgumentException("released settings must be positive: " + maxTokens + ", " + promptTokens
                    + ", " + promptChars + ", " + contextTokens);
        }
        if (contextTokens > 0 && promptTokens + maxTokens > contextTokens) {
            throw new IllegalArgumentException("prompt budget " + promptTokens + " plus " + maxTokens
                    + " tactic tokens exceed the served context of " + contextTokens);
        }
    }
}
