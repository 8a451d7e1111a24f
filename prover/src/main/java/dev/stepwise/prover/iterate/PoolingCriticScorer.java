package dev.stepwise.prover.iterate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepwise.iteration.CriticScorer;
import dev.stepwise.iteration.IterationException;
import dev.stepwise.search.Theorem;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A critic (reward model, e.g. InternLM2.5-StepProver's) served by vLLM's pooling API: {@code POST
 * /pooling} with the statements as {@code input}, one score per statement. A reward model pools
 * every token, so an answer may be a number, a list per token, or a list of lists; the score is
 * the last token's (last) value, which is what reward models are trained to put there.
 */
final class PoolingCriticScorer implements CriticScorer {
    /** Statements per request: small enough for any server's batch limits. */
    static final int BATCH = 64;

    private final ModelServerCalls server;
    private final String model;

    /** @param model the critic's name on its server, or "" for the server's only model */
    PoolingCriticScorer(ModelServerCalls server, String model) {
        this.server = Objects.requireNonNull(server, "server");
        this.model = Objects.requireNonNull(model, "model");
    }

    @Override
    public List<Double> score(List<Theorem> theorems) {
        List<Double> out = new ArrayList<>(theorems.size());
        for (int from = 0; from < theorems.size(); from += BATCH) {
            out.addAll(batch(theorems.subList(from, Math.min(theorems.size(), from + BATCH))));
        }
        return out;
    }

    private List<Double> batch(List<Theorem> theorems) {
        ObjectNode body = server.json().createObjectNode();
        if (!model.isEmpty()) {
            body.put("model", model);
        }
        ArrayNode input = body.putArray("input");
        theorems.forEach(t -> input.add(t.statement()));
        JsonNode data = server.postJson("/pooling", body).path("data");
        if (!data.isArray() || data.size() != theorems.size()) {
            throw failure("answered " + (data.isArray() ? data.size() + " results" : "no data list") + " for " + theorems.size()
                    + " statements");
        }
        Double[] scores = new Double[theorems.size()];
        for (int i = 0; i < data.size(); i++) {
            JsonNode item = data.get(i);
            int index = item.path("index").asInt(i);
            if (index < 0 || index >= scores.length || scores[index] != null) {
                throw failure("answered a result with index " + index + " for " + theorems.size() + " statements");
            }
            scores[index] = lastValue(item.path("data"));
        }
        return Arrays.asList(scores);
    }

    private double lastValue(JsonNode node) {
        JsonNode n = node;
        while (n.isArray() && !n.isEmpty()) {
            n = n.get(n.size() - 1);
        }
        if (!n.isNumber()) {
            throw failure("answered a result without a number: " + node);
        }
        return n.asDouble();
    }

    private IterationException failure(String what) {
        return new IterationException(IterationException.Kind.ENVIRONMENT, "the critic at " + server.url("/pooling") + " " + what
                + " (iterate.critic-url must point to a reward model served with vLLM's pooling API)");
    }
}
