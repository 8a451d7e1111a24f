package dev.stepwise.prover.sim.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * llama-server's adapters, loaded at start by {@code --lora FILE} and at scale 0 until
 * {@code POST /lora-adapters} sets one (tools/server/server.cpp: GET lists and POST sets scales of
 * the --lora adapters). They apply to every request whatever model it names.
 */
final class StartupAdapters {
    private record Scaled(LoadedAdapter adapter, double scale) {
    }

    /** The adapters in --lora order, with their current scales (guarded by itself). */
    private final List<Scaled> adapters = new ArrayList<>();
    private final JsonReplies json;

    StartupAdapters(JsonReplies json) {
        this.json = json;
    }

    void load(List<Path> loraAtStart, AdapterReader reader) {
        for (Path p : loraAtStart) {
            try {
                adapters.add(new Scaled(new LoadedAdapter(p.toString(), p, reader.read(p)), 0.0));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("cannot load --lora " + p + ": " + e.getMessage(), e);
            }
        }
    }

    /** The boosts of the adapter with the highest scale above 0; none when every scale is 0. */
    Boosts scaledBoosts() {
        synchronized (adapters) {
            return adapters.stream().filter(a -> a.scale() > 0).max(Comparator.comparingDouble(Scaled::scale))
                    .map(a -> a.adapter().boosts()).orElse(Boosts.none());
        }
    }

    /** llama-server's {@code GET /lora-adapters} (the list) and {@code POST /lora-adapters} (the scales). */
    Reply serve(Route.Request r) {
        synchronized (adapters) {
            if (r.method().equals("GET")) {
                ArrayNode list = json.mapper().createArrayNode();
                for (int i = 0; i < adapters.size(); i++) {
                    list.addObject().put("id", i).put("path", adapters.get(i).adapter().path().toString())
                            .put("scale", adapters.get(i).scale());
                }
                return new Reply(200, "application/json", json.write(list));
            }
            if (!r.method().equals("POST")) {
                return json.error(405, "MethodNotAllowed", "use GET or POST");
            }
            JsonNode body;
            try {
                body = json.mapper().readTree(r.body());
            } catch (IOException e) {
                return json.error(400, "invalid_request_error", "the request body is not valid JSON");
            }
            if (body == null || !body.isArray()) {
                return json.error(400, "invalid_request_error", "Request body must be an array");
            }
            double[] scales = new double[adapters.size()];
            for (JsonNode entry : body) {
                int id = entry.path("id").asInt(-1);
                if (id < 0 || id >= scales.length) {
                    return json.error(400, "invalid_request_error", "invalid adapter id");
                }
                scales[id] = entry.path("scale").asDouble(0.0);
            }
            // An adapter the POST leaves out is set to 0, as llama-server does.
            for (int i = 0; i < scales.length; i++) {
                adapters.set(i, new Scaled(adapters.get(i).adapter(), scales[i]));
            }
            return new Reply(200, "application/json", "{\"success\":true}");
        }
    }
}
