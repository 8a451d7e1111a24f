package dev.stepwise.prover.policy.client;

import java.util.Objects;

/**
 * The sampling fields that are fixed for a run (temperature, n and seed come with each request).
 *
 * @param scale which distribution the log-probs come from, see {@link LogprobScale}
 * @param model the model name the server was started with ({@code --served-model-name}), or the
 *     name of a loaded LoRA adapter
 */
public record Sampling(String model, int maxTokens, double topP, TruncatedTactics truncated, LogprobScale scale) {
    public Sampling {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(scale, "scale");
        Objects.requireNonNull(truncated, "truncated");
        if (maxTokens < 1) {
            throw new IllegalArgumentException("model.max-tokens must be >= 1, got " + maxTokens);
        }
        if (!(topP > 0 && topP <= 1)) {
            throw new IllegalArgumentException("model.top-p must be in (0, 1], got " + topP);
        }
    }

    /** Log-probs of the raw distribution, every server's default but SGLang's. */
    public Sampling(String model, int maxTokens, double topP, TruncatedTactics truncated) {
        this(model, maxTokens, topP, truncated, LogprobScale.RAW);
    }
}
