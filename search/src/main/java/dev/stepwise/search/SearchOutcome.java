package dev.stepwise.search;

import java.util.Objects;

/** How an attempt ended; separate from the status of any node. */
public sealed interface SearchOutcome {

    record Proved(Proof proof) implements SearchOutcome {
        public Proved {
            Objects.requireNonNull(proof, "proof");
        }
    }

    record Failed(FailureReason reason, String detail) implements SearchOutcome {
        public Failed {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
        }
    }
}
