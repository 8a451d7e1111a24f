package dev.stepwise.prover.policy.client;

/**
 * The ranges every request to a model server keeps, completions or chat alike, checked before a
 * request is sent. Both servers refuse {@code n < 1}, {@code max_tokens < 1}, a temperature that is
 * negative or not finite, and a top-p outside (0, 1]: vLLM's {@code SamplingParams._verify_args}
 * (vllm-project/vllm, vllm/sampling_params.py at commit 00388f6573ccfcffad607b8c9ecdf341a4669ceb,
 * with {@code _verify_num_sequences} for n) and SGLang's {@code SamplingParams.verify}
 * (sgl-project/sglang, python/sglang/srt/sampling/sampling_params.py at commit
 * 00c17cafcb9e289d5ca97c50e44ada54e4fd5b03). vLLM alone also refuses a temperature above 2 and
 * {@code n > 1} with greedy sampling (temperature below 1e-5, {@code _verify_greedy_sampling});
 * SGLang takes both (greedy becomes top-k 1), so those are left to the server's answer.
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
        if (!(temperature >= 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("temperature must be a finite number >= 0, got " + temperature);
        }
        if (!(topP > 0 && topP <= 1)) {
            throw new IllegalArgumentException("top-p must be in (0, 1], got " + topP);
        }
    }
}
