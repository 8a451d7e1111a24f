package dev.stepwise.lean;

import java.util.Objects;

/** A header's environment on one process: ready with its env id, or why the header failed. */
public sealed interface HeaderEnv {

    record Ready(int env) implements HeaderEnv {
    }

    /** The header did not elaborate, or its health check failed (bad imports are silent otherwise). */
    record Failed(String reason) implements HeaderEnv {
        public Failed {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
