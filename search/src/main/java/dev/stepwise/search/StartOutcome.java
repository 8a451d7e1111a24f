package dev.stepwise.search;

import java.util.Objects;

/** What starting a theorem gave: its root state, or why it could not start. */
public sealed interface StartOutcome {

    record Started(ProofState root) implements StartOutcome {
        public Started {
            Objects.requireNonNull(root, "root");
        }
    }

    /**
     * The environment's own verdict that the statement is not a statement it can prove (Lean did
     * not elaborate it): final, never retried, and never to be made from a crash or a timeout.
     */
    record StatementRejected(String reason) implements StartOutcome {
        public StatementRejected {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** The header failed, or the environment is unavailable (crash, timeout, no process). */
    record Failed(String reason) implements StartOutcome {
        public Failed {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
