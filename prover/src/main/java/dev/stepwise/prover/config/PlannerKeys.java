package dev.stepwise.prover.config;

import java.util.List;

/**
 * Keys of sketch mode's planner: any chat model (a general LLM, or a prover that writes
 * DeepSeek-Prover-V2-style sketches) on an OpenAI-compatible {@code /v1/chat/completions},
 * configured apart from the step-prover ({@code model.*}), whose holes it leaves to that prover.
 */
public final class PlannerKeys {
    private PlannerKeys() {
    }

    public static final ConfigKey URL = ConfigKey.of("planner.url", ValueType.STRING, "",
            "sketch mode: base URL of the planner's chat server (OpenAI-compatible /v1/chat/completions); with "
                    + "--simulate, the simulated server's");
    public static final ConfigKey MODEL = ConfigKey.of("planner.model", ValueType.STRING, "",
            "sketch mode: the planner's model name on its server (empty: model.name)");
    public static final ConfigKey API_KEY = ConfigKey.of("planner.api-key", ValueType.SECRET, "",
            "sketch mode: bearer token for the planner's server (empty: none)");
    public static final ConfigKey MAX_TOKENS = ConfigKey.positiveInt("planner.max-tokens", 4096,
            "sketch mode: completion tokens per sketch");
    public static final ConfigKey TEMPERATURE = ConfigKey.of("planner.temperature", ValueType.DOUBLE, 0.6,
            "sketch mode: the planner's sampling temperature")
            .restrictedTo(v -> (Double) v >= 0 && (Double) v <= 5, "0 to 5");
    public static final ConfigKey SKETCHES = ConfigKey.positiveInt("planner.sketches", 4,
            "sketch mode: sketches per attempt; a sketch whose hole is not proved, that Lean refuses, or whose "
                    + "assembled proof the gate rejects sends the planner back for another, up to this many");

    public static final List<ConfigKey> ALL = List.of(URL, MODEL, API_KEY, MAX_TOKENS, TEMPERATURE, SKETCHES);
}
