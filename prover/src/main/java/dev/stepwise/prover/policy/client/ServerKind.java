package dev.stepwise.prover.policy.client;

import java.util.Arrays;
import java.util.Locale;

/** The inference servers Stepwise can talk to; they differ in a few request and response fields. */
public enum ServerKind {
    VLLM("vllm"),
    SGLANG("sglang"),
    /** llama.cpp's {@code llama-server}: one sample per request, log-probs in the chat shape. */
    LLAMA_CPP("llama-cpp");

    private final String configName;

    ServerKind(String configName) {
        this.configName = configName;
    }

    public String configName() {
        return configName;
    }

    public static ServerKind parse(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(k -> k.configName.equals(t)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown model server '" + text + "'; use vllm, sglang or llama-cpp"));
    }

    /** Whether {@code n} samples must be asked for as n requests (older llama-server rejects n > 1). */
    boolean oneSamplePerRequest() {
        return this == LLAMA_CPP;
    }
}
