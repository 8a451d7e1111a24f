package dev.stepwise.prover.iterate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.stepwise.iteration.IterationException;
import dev.stepwise.iteration.ModelServing;
import dev.stepwise.prover.policy.client.ServerKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Puts a trained LoRA adapter into service on EVERY configured endpoint (evaluation spreads its
 * requests over all of them, so a replica without the adapter would answer "model not found"),
 * through each server's own route (sources in docs/evidence/model-servers.md):
 * <ul>
 * <li>vLLM: {@code POST /v1/load_lora_adapter {"lora_name", "lora_path"}}, which exists only when
 * the server runs with {@code VLLM_ALLOW_RUNTIME_LORA_UPDATING=True} and {@code --enable-lora};
 * a name it already has is refused with "has already been loaded".</li>
 * <li>SGLang: {@code POST /load_lora_adapter} (no {@code /v1}) with the same body, on a server
 * started with {@code --enable-lora}; it answers {@code {"success", "error_message"}}, 400 on
 * failure, "... because it is already loaded" for a known name.</li>
 * <li>llama.cpp's llama-server loads adapters only at start ({@code --lora FILE}); at run time
 * {@code GET /lora-adapters} lists them with their ids and {@code POST /lora-adapters
 * [{"id", "scale"}]} sets the scales (an adapter left out gets 0). The checkpoint must be one of
 * the listed files; it gets scale 1 and the others 0, for every request of that server.</li>
 * </ul>
 * Each round's checkpoint has its own name, because older vLLM builds cannot reload a name. The
 * {@code lora_path} sent is this machine's path of the checkpoint: the server host must be able to
 * read it at that path (the same machine, or a shared file system mounted at the same place).
 */
final class LoraAdapterServing implements ModelServing {
    private final List<ModelServerCalls> endpoints;
    private final ServerKind kind;

    LoraAdapterServing(List<ModelServerCalls> endpoints, ServerKind kind) {
        this.endpoints = List.copyOf(endpoints);
        this.kind = Objects.requireNonNull(kind, "kind");
        if (this.endpoints.isEmpty()) {
            throw new IllegalArgumentException("no model server to load adapters on");
        }
    }

    @Override
    public void load(Checkpoint checkpoint) {
        List<String> loaded = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        for (ModelServerCalls server : endpoints) {
            try {
                loadOn(server, checkpoint);
                loaded.add(server.base().toString());
            } catch (IterationException e) {
                failed.add(server.base() + " (" + e.getMessage() + ")");
            }
        }
        if (!failed.isEmpty()) {
            throw new IterationException(IterationException.Kind.ENVIRONMENT, "could not load adapter " + checkpoint.name()
                    + " from " + checkpoint.path().toAbsolutePath() + " on " + failed.size() + " of " + endpoints.size()
                    + " model servers: " + String.join("; ", failed)
                    + (loaded.isEmpty() ? "" : "; loaded on " + String.join(", ", loaded))
                    + ". The path must be readable by the server host at that path.");
        }
    }

    private void loadOn(ModelServerCalls server, Checkpoint checkpoint) {
        String path = checkpoint.path().toAbsolutePath().toString();
        switch (kind) {
            case VLLM -> loadByName(server, "/v1/load_lora_adapter", checkpoint.name(), path, "has already been loaded");
            case SGLANG -> loadByName(server, "/load_lora_adapter", checkpoint.name(), path, "is already loaded");
            case LLAMA_CPP -> selectStartupAdapter(server, path);
        }
    }

    private static void loadByName(ModelServerCalls server, String route, String name, String path, String alreadyLoaded) {
        var body = server.json().createObjectNode().put("lora_name", name).put("lora_path", path);
        try {
            server.post(route, body);
        } catch (IterationException e) {
            if (!e.getMessage().contains(alreadyLoaded)) {
                throw e;
            }
        }
    }

    private static void selectStartupAdapter(ModelServerCalls server, String path) {
        JsonNode listed = server.getJson("/lora-adapters");
        if (!listed.isArray()) {
            throw new IterationException(IterationException.Kind.ENVIRONMENT, "the model server at " + server.url("/lora-adapters")
                    + " did not list its adapters");
        }
        Integer id = null;
        ArrayNode scales = server.json().createArrayNode();
        for (JsonNode adapter : listed) {
            boolean chosen = adapter.path("path").asText("").equals(path);
            if (chosen) {
                id = adapter.path("id").asInt();
            }
            scales.addObject().put("id", adapter.path("id").asInt()).put("scale", chosen ? 1.0 : 0.0);
        }
        if (id == null) {
            throw new IterationException(IterationException.Kind.ENVIRONMENT, "llama-server loads LoRA adapters only at start;"
                    + " " + path + " is not among its adapters: restart it with --lora " + path
                    + " (a GGUF adapter), or set iterate.serve-command to a command that does");
        }
        server.post("/lora-adapters", scales);
    }
}
