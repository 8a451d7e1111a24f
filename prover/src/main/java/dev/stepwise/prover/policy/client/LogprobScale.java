package dev.stepwise.prover.policy.client;

import java.util.Locale;

/**
 * Which distribution the servers' log-probs, and so the search's ranking of tactics, come from
 * (sources in docs/evidence/model-servers.md):
 * <ul>
 * <li>{@link #RAW}: the model's own distribution before temperature, top-k and top-p. vLLM
 * returns it by default ({@code --logprobs-mode raw_logprobs}), and so does llama-server
 * ({@code post_sampling_probs} false). BFS-Prover-V2's released search ranks on it: it takes vLLM's
 * cumulative log-prob with vLLM's defaults.</li>
 * <li>{@link #PROCESSED}: the distribution the token was drawn from, after temperature and
 * top-k/top-p. vLLM when started with {@code --logprobs-mode processed_logprobs}; llama-server
 * per request with {@code post_sampling_probs: true} (it then answers {@code prob} in place of
 * {@code logprob}); SGLang's default (log_softmax of the logits divided by the temperature) unless
 * started with {@code SGLANG_RETURN_ORIGINAL_LOGPROB=True}.</li>
 * </ul>
 * Only llama-server lets a request choose; for vLLM and SGLang the setting says how the server was
 * started ({@code make serve-model} passes it to vLLM).
 */
public enum LogprobScale {
    RAW,
    PROCESSED;

    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static LogprobScale parse(String text) {
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "raw" -> RAW;
            case "processed" -> PROCESSED;
            default -> throw new IllegalArgumentException("model.logprobs-mode must be raw or processed, got '" + text + "'");
        };
    }
}
