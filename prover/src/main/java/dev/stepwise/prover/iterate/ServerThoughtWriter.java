package dev.stepwise.prover.iterate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepwise.iteration.IterationException;
import dev.stepwise.iteration.PromptRenderer;
import dev.stepwise.iteration.TacticStep;
import dev.stepwise.iteration.ThoughtWriter;
import dev.stepwise.prover.policy.prompt.RetrospectivePrompt;
import dev.stepwise.prover.rounds.StepThoughtRepository;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Retrospective thoughts from a model behind {@code /v1/completions}: a step whose (state, tactic)
 * is in the store's cache is not asked again; the others are asked in batches, each batch one
 * request whose {@code prompt} is the list of the batch's prompts (vLLM and SGLang answer one
 * choice per prompt, by index, when {@code n} is 1), greedily, so a step's thought is repeatable.
 * What the model wrote is cached at once, so a stage killed half way asks only what is left.
 */
final class ServerThoughtWriter implements ThoughtWriter {
    private final ModelServerCalls server;
    private final String model;
    private final RetrospectivePrompt prompt;
    private final int batch;
    private final int maxTokens;
    private final StepThoughtRepository cache;
    private final PromptRenderer renderer;
    private final InstantSource clock;

    /**
     * @param model the model name sent with each request (the thoughts model, not the prover)
     * @param renderer the thinking step template the thought-augmented files are written in
     */
    ServerThoughtWriter(ModelServerCalls server, String model, RetrospectivePrompt prompt, int batch, int maxTokens,
            StepThoughtRepository cache, PromptRenderer renderer, InstantSource clock) {
        this.server = Objects.requireNonNull(server, "server");
        this.model = Objects.requireNonNull(model, "model");
        this.prompt = Objects.requireNonNull(prompt, "prompt");
        this.cache = Objects.requireNonNull(cache, "cache");
        this.renderer = Objects.requireNonNull(renderer, "renderer");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (batch < 1 || maxTokens < 1) {
            throw new IllegalArgumentException("batch and max tokens must be >= 1, got " + batch + " and " + maxTokens);
        }
        this.batch = batch;
        this.maxTokens = maxTokens;
    }

    @Override
    public boolean enabled() {
        return true;
    }

    @Override
    public String model() {
        return model;
    }

    @Override
    public PromptRenderer renderer() {
        return renderer;
    }

    private record Key(String state, String tactic) {
    }

    @Override
    public Written write(List<TacticStep> steps) {
        Map<Key, String> known = new LinkedHashMap<>();
        List<Key> missing = new ArrayList<>();
        int fromCache = 0;
        for (TacticStep s : steps) {
            Key k = new Key(s.state(), s.tactic());
            if (known.containsKey(k) || missing.contains(k)) {
                continue;
            }
            Optional<String> cached = cache.find(k.state(), k.tactic());
            if (cached.isPresent()) {
                known.put(k, cached.get());
            } else {
                missing.add(k);
            }
        }
        for (int from = 0; from < missing.size(); from += batch) {
            List<Key> part = missing.subList(from, Math.min(missing.size(), from + batch));
            List<String> thoughts = ask(part);
            List<StepThoughtRepository.StepThought> fresh = new ArrayList<>();
            for (int i = 0; i < part.size(); i++) {
                known.put(part.get(i), thoughts.get(i));
                fresh.add(new StepThoughtRepository.StepThought(part.get(i).state(), part.get(i).tactic(), thoughts.get(i), model));
            }
            cache.addAll(fresh, clock.instant());
        }
        List<String> out = new ArrayList<>(steps.size());
        for (TacticStep s : steps) {
            Key k = new Key(s.state(), s.tactic());
            out.add(known.get(k));
            if (!missing.contains(k)) {
                fromCache++;
            }
        }
        return new Written(out, fromCache);
    }

    private List<String> ask(List<Key> part) {
        ObjectNode body = server.json().createObjectNode();
        if (!model.isEmpty()) {
            body.put("model", model);
        }
        ArrayNode prompts = body.putArray("prompt");
        part.forEach(k -> prompts.add(prompt.render(k.state(), k.tactic())));
        body.put("n", 1);
        body.put("max_tokens", maxTokens);
        body.put("temperature", 0.0);
        body.put("seed", 0);
        ArrayNode stop = body.putArray("stop");
        prompt.stops().forEach(stop::add);
        JsonNode answer = server.postJson("/v1/completions", body);
        String[] thoughts = new String[part.size()];
        for (JsonNode choice : answer.path("choices")) {
            int index = choice.path("index").asInt(-1);
            if (index < 0 || index >= thoughts.length) {
                throw new IterationException(IterationException.Kind.ENVIRONMENT, "the thoughts model at "
                        + server.url("/v1/completions") + " answered choice " + index + " for " + thoughts.length + " prompts");
            }
            thoughts[index] = prompt.thoughtFrom(choice.path("text").asText(""));
        }
        List<String> out = new ArrayList<>(thoughts.length);
        for (int i = 0; i < thoughts.length; i++) {
            if (thoughts[i] == null) {
                throw new IterationException(IterationException.Kind.ENVIRONMENT, "the thoughts model at "
                        + server.url("/v1/completions") + " answered no choice for prompt " + i + " of " + thoughts.length
                        + " (a server that takes one prompt per request cannot batch; set iterate.thoughts-batch=1)");
            }
            out.add(thoughts[i]);
        }
        return out;
    }
}
