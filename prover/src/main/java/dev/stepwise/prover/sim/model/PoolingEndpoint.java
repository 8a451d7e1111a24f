package dev.stepwise.prover.sim.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepwise.prover.sim.world.World;
import java.io.IOException;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;

/**
 * vLLM's {@code POST /pooling} as a reward model answers it (vllm-project/vllm,
 * {@code vllm/entrypoints/pooling/pooling/protocol.py}: {@code input} a text or a list of texts,
 * the answer {@code {"id": "pool-…", "object": "list", "created", "model", "data": [{"index",
 * "object": "pooling", "data": [[r], …]}], "usage"}}): one reward per token, the last one the
 * state's score ({@link CriticScores}).
 */
final class PoolingEndpoint implements Route {
    private final World world;
    private final InstantSource clock;
    private final CriticScores critic;
    private final ServerCounters counters;
    private final JsonReplies json;

    PoolingEndpoint(World world, InstantSource clock, CriticScores critic, ServerCounters counters, JsonReplies json) {
        this.world = world;
        this.clock = clock;
        this.critic = critic;
        this.counters = counters;
        this.json = json;
    }

    @Override
    public Reply serve(Request r) {
        if (!r.method().equals("POST")) {
            return json.error(405, "MethodNotAllowed", "use POST");
        }
        JsonNode body;
        try {
            body = json.mapper().readTree(r.body());
        } catch (IOException e) {
            return json.error(400, "BadRequestError", "the request body is not valid JSON");
        }
        String model = body == null ? "" : body.path("model").asText("");
        if (!model.isEmpty() && !model.equals(world.model())) {
            return json.error(404, "NotFoundError", "The model `" + model + "` does not exist.");
        }
        JsonNode input = body == null ? null : body.get("input");
        List<String> texts = new ArrayList<>();
        if (input != null && input.isTextual()) {
            texts.add(input.asText());
        } else if (input != null && input.isArray() && !input.isEmpty()) {
            for (JsonNode i : input) {
                if (!i.isTextual()) {
                    return json.error(400, "BadRequestError", "simulated: only text inputs are scored, not token ids");
                }
                texts.add(i.asText());
            }
        } else {
            return json.error(400, "BadRequestError", "Field required: input");
        }
        ObjectNode o = json.mapper().createObjectNode();
        o.put("id", "pool-" + Long.toHexString(counters.requestIds.incrementAndGet()));
        o.put("object", "list");
        o.put("created", clock.instant().getEpochSecond());
        o.put("model", world.model());
        ArrayNode data = o.putArray("data");
        int tokens = 0;
        for (int i = 0; i < texts.size(); i++) {
            ObjectNode item = data.addObject();
            item.put("index", i);
            item.put("object", "pooling");
            ArrayNode perToken = item.putArray("data");
            int n = Math.max(1, texts.get(i).split("\\s+").length);
            double score = critic.score(texts.get(i));
            for (int t = 0; t < n; t++) {
                // Earlier tokens carry partial rewards nobody reads; the last one is the score.
                perToken.addArray().add(t == n - 1 ? score : 0.0);
            }
            tokens += n;
        }
        ObjectNode usage = o.putObject("usage");
        usage.put("prompt_tokens", tokens);
        usage.put("total_tokens", tokens);
        usage.put("completion_tokens", 0);
        usage.putNull("prompt_tokens_details");
        counters.scored.addAndGet(texts.size());
        return new Reply(200, "application/json", json.write(o));
    }
}
