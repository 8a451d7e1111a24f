package dev.stepwise.lean;

import java.util.Objects;

/** What starting a theorem gave: its root state, or why not (bad header, bad statement, no Lean). */
public sealed interface SessionStart {

    record Started(SessionState root) implements SessionStart {
        public Started {
            Objects.requireNonNull(root, "root");
        }
    }

    record Failed(String reason) implements SessionStart {
        public Failed {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
