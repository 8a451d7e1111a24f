package dev.stepwise.prover.sim.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The adapters vLLM and SGLang load and unload at run time, by name, and their routes: vLLM's
 * (only with VLLM_ALLOW_RUNTIME_LORA_UPDATING=True, vllm/entrypoints/openai/api_server.py) and
 * SGLang's (python/sglang/srt/entrypoints/http_server.py), each refusing in its server's own words.
 */
final class RuntimeAdapters {
    private final Map<String, LoadedAdapter> adapters = new ConcurrentHashMap<>();
    private final AdapterReader reader;
    private final JsonReplies json;

    RuntimeAdapters(AdapterReader reader, JsonReplies json) {
        this.reader = reader;
        this.json = json;
    }

    /** The adapter loaded under {@code name}, or null. */
    LoadedAdapter named(String name) {
        return adapters.get(name);
    }

    Collection<LoadedAdapter> all() {
        return adapters.values();
    }

    int count() {
        return adapters.size();
    }

    /**
     * The body vLLM's and SGLang's LoRA routes take ({@code {"lora_name", "lora_path"}}); a missing
     * field is empty, for each route to refuse in its server's own words.
     */
    private record LoraRequest(String name, String path) {
    }

    @FunctionalInterface
    private interface LoraEndpoint {
        Reply serve(LoraRequest request);
    }

    Route vllmLoad() {
        return lora(this::load);
    }

    Route vllmUnload() {
        return lora(this::unload);
    }

    Route sglangLoad() {
        return lora(this::loadSglang);
    }

    Route sglangUnload() {
        return lora(this::unloadSglang);
    }

    /** A LoRA route: its body read once here, a body that is not JSON refused alike on every route. */
    private Route lora(LoraEndpoint endpoint) {
        return r -> {
            JsonNode body;
            try {
                body = json.mapper().readTree(r.body());
            } catch (IOException e) {
                return json.error(400, "BadRequestError", "the request body is not valid JSON");
            }
            return endpoint.serve(new LoraRequest(body == null ? "" : body.path("lora_name").asText(""),
                    body == null ? "" : body.path("lora_path").asText("")));
        };
    }

    private Reply load(LoraRequest request) {
        String name = request.name();
        String path = request.path();
        if (name.isEmpty() || path.isEmpty()) {
            return json.error(400, "BadRequestError", "Both 'lora_name' and 'lora_path' must be provided.");
        }
        if (adapters.containsKey(name)) {
            return json.error(400, "BadRequestError", "The lora adapter '" + name + "' has already been loaded.");
        }
        Boosts boosts;
        try {
            boosts = reader.read(Path.of(path));
        } catch (IllegalArgumentException e) {
            return json.error(400, "BadRequestError", "cannot load adapter '" + name + "': " + e.getMessage());
        }
        if (adapters.putIfAbsent(name, new LoadedAdapter(name, Path.of(path), boosts)) != null) {
            return json.error(400, "BadRequestError", "The lora adapter '" + name + "' has already been loaded.");
        }
        return new Reply(200, "text/plain", "Success: LoRA adapter '" + name + "' added successfully. (simulated: "
                + boosts.matchedExamples() + " examples matched world states, " + boosts.unmatchedExamples() + " did not)");
    }

    private Reply unload(LoraRequest request) {
        String name = request.name();
        if (adapters.remove(name) == null) {
            return json.error(404, "NotFoundError", "The lora adapter '" + name + "' cannot be found.");
        }
        return new Reply(200, "text/plain", "Success: LoRA adapter '" + name + "' removed successfully.");
    }

    /** SGLang's answer to a LoRA update: {@code LoRAUpdateOutput}, 200 on success and 400 otherwise. */
    private Reply sglangResult(boolean success, String message) {
        ObjectNode o = json.mapper().createObjectNode();
        o.put("success", success);
        o.put("error_message", message);
        ObjectNode loaded = o.putObject("loaded_adapters");
        adapters.values().forEach(a -> loaded.put(a.name(), a.path().toString()));
        return new Reply(success ? 200 : 400, "application/json", json.write(o));
    }

    private Reply loadSglang(LoraRequest request) {
        String name = request.name();
        String path = request.path();
        if (name.isEmpty() || path.isEmpty()) {
            return json.error(422, "RequestValidationError", "lora_name and lora_path are required");
        }
        Boosts boosts;
        try {
            boosts = reader.read(Path.of(path));
        } catch (IllegalArgumentException e) {
            return sglangResult(false, "cannot load adapter '" + name + "': " + e.getMessage());
        }
        if (adapters.putIfAbsent(name, new LoadedAdapter(name, Path.of(path), boosts)) != null) {
            return sglangResult(false, "Failed to load LoRA adapter " + name + " because it is already loaded");
        }
        return sglangResult(true, "");
    }

    private Reply unloadSglang(LoraRequest request) {
        String name = request.name();
        if (adapters.remove(name) == null) {
            return sglangResult(false, "LoRA adapter " + name + " is not loaded");
        }
        return sglangResult(true, "");
    }
}
