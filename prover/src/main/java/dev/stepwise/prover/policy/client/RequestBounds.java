package dev.stepwise.prover.policy.client;

/**
 * The ranges every request to a model server keeps, completions or chat alike: the servers refuse
 * {@code n < 1}, {@code max_tokens < 1}, a negative temperature and a top-p outside (0, 1]
 * (vLLM's SamplingParams._verify_args), so a request is checked before it is sent.
 */
final class RequestBounds {
    private RequestBounds() {
    }

    static void check(int n, int maxTokens, double temperature, double topP) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be >= 1, got " + n);
        }
        if (maxTokens < 1) {
            throw new IllegalArgumentException("max tokens must be >= 1, got " + maxTokens);
        }
        if (!(temperature >= 0)) {
            throw new IllegalArgumentException("temperature must be >= 0, got " + temperature);
        }
        if (!(topP > 0 && topP <= 1)) {
            throw new IllegalArgumentException("top-p must be in (0, 1], got " + topP);
        }
    }
}
