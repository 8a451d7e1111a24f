package dev.stepwise.search;

import java.util.Objects;

/** What starting a theorem gave: its root state, or why it could not start. */
public sealed interface StartOutcome {

    record Started(ProofState root) implements StartOutcome {
        public Started {
            Objects.requireNonNull(root, "root");
        }
    }

    /** The statement did not elaborate, the header failed, or the environment is unavailable. */
    record Failed(String reason) implements StartOutcome {
        public Failed {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
