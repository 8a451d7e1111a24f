package dev.stepwise.prover.sim.model;

/** Which server's variant of the completions API the simulated model server speaks. */
public enum ModelDialect {
    /** vLLM: legacy log-prob shape with text offsets, {@code stop_reason}, LoRA endpoints under {@code /v1}. */
    VLLM,
    /** SGLang: text offsets of -1, top log-probs without the sampled token, {@code matched_stop}, LoRA endpoints at the root. */
    SGLANG,
    /** llama.cpp's llama-server: {@code n > 1} refused, log-probs in the chat shape ({@code logprobs.content[]}), adapters only from start ({@code --lora}), their scales at {@code /lora-adapters}. */
    LLAMA_CPP
}
