package dev.stepwise.prover.iterate;

import dev.stepwise.iteration.ModelServing;
import java.util.Objects;

/**
 * Loads a trained LoRA adapter into a running vLLM server ({@code POST /v1/load_lora_adapter},
 * which needs {@code VLLM_ALLOW_RUNTIME_LORA_UPDATING=True} and {@code --enable-lora}). Each round's
 * checkpoint has its own name, because older vLLM builds cannot reload a name. Loading a name the
 * server already has is answered with an error that says so; that counts as loaded.
 */
final class LoraAdapterServing implements ModelServing {
    private final ModelServerCalls server;

    LoraAdapterServing(ModelServerCalls server) {
        this.server = Objects.requireNonNull(server, "server");
    }

    @Override
    public void load(Checkpoint checkpoint) {
        var body = server.json().createObjectNode().put("lora_name", checkpoint.name())
                .put("lora_path", checkpoint.path().toAbsolutePath().toString());
        try {
            server.post("/v1/load_lora_adapter", body);
        } catch (dev.stepwise.iteration.IterationException e) {
            if (!e.getMessage().contains("has already been loaded")) {
                throw e;
            }
        }
    }
}
