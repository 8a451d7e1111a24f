package dev.stepwise.prover.iterate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepwise.iteration.Conjecturer;
import dev.stepwise.lean.TacticFilter;
import dev.stepwise.prover.policy.prompt.ConjecturePrompt;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Conjectures from a model behind {@code /v1/completions} (the prover itself, or another model):
 * one request per seed asking {@code n = k} samples of the conjecture prompt, at the configured
 * temperature, with the round's seed (vLLM, SGLang and llama-server take {@code n}, {@code seed}
 * and {@code stop} in the completions API, docs/evidence/model-servers.md). Each sample is read
 * as STP's {@code collect_conjecture} reads it; samples that hold no statement are dropped.
 */
final class ServerConjecturer implements Conjecturer {
    private final ModelServerCalls server;
    private final String model;
    private final ConjecturePrompt prompt;
    private final int maxTokens;
    private final double temperature;
    private final TacticFilter words;

    /** @param words the acceptance gate's word filter (lean.forbidden), which a conjecture's text must pass too */
    ServerConjecturer(ModelServerCalls server, String model, ConjecturePrompt prompt, int maxTokens, double temperature,
            TacticFilter words) {
        this.server = Objects.requireNonNull(server, "server");
        this.model = Objects.requireNonNull(model, "model");
        this.prompt = Objects.requireNonNull(prompt, "prompt");
        this.words = Objects.requireNonNull(words, "words");
        if (maxTokens < 1 || !(temperature >= 0)) {
            throw new IllegalArgumentException("max tokens must be >= 1 and temperature >= 0, got " + maxTokens + " and " + temperature);
        }
        this.maxTokens = maxTokens;
        this.temperature = temperature;
    }

    @Override
    public String model() {
        return model;
    }

    @Override
    public String prompt(String seed) {
        return prompt.render("", seed);
    }

    @Override
    public List<String> propose(String seed, int k, long sampleSeed) {
        ObjectNode body = server.json().createObjectNode();
        if (!model.isEmpty()) {
            body.put("model", model);
        }
        body.put("prompt", prompt(seed));
        body.put("n", k);
        body.put("max_tokens", maxTokens);
        body.put("temperature", temperature);
        body.put("seed", sampleSeed);
        ArrayNode stop = body.putArray("stop");
        prompt.stops().forEach(stop::add);
        JsonNode answer = server.postJson("/v1/completions", body);
        List<String> out = new ArrayList<>();
        for (JsonNode choice : answer.path("choices")) {
            prompt.statementFrom(choice.path("text").asText("")).ifPresent(out::add);
        }
        return out;
    }

    @Override
    public String completion(String statement) {
        return prompt.completion(statement);
    }

    @Override
    public Optional<String> refuses(String statement) {
        return words.check(statement);
    }
}
