package dev.stepwise.lean;

import java.util.Objects;

/** What starting a theorem gave: its root state, or why not (bad header, bad statement, no Lean). */
public sealed interface SessionStart {

    record Started(SessionState root) implements SessionStart {
        public Started {
            Objects.requireNonNull(root, "root");
        }
    }

    /**
     * Lean elaborated the statement and answered with errors: Lean's own verdict on the statement
     * (in this project), never a crash, a timeout or a header that failed to import.
     */
    record StatementRejected(String reason) implements SessionStart {
        public StatementRejected {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** Not started for a reason that is not the statement's: a crash, a timeout, a header, no process. */
    record Failed(String reason) implements SessionStart {
        public Failed {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
