package dev.stepwise.iteration;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Puts models into the inference server: a trained checkpoint through vLLM's LoRA load endpoint,
 * or through a user command that restarts the server.
 */
public interface ModelServing {

    /** A model a round trained: where the trainer wrote it and the name it should be served under. */
    record Checkpoint(String name, Path path) {
        public Checkpoint {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(path, "path");
        }
    }

    /** Makes {@code checkpoint} answer requests for its name. Idempotent: loading it again is harmless. */
    void load(Checkpoint checkpoint);
}
