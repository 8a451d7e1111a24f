package dev.stepwise.search;

import java.util.Objects;

/** How an attempt ended; separate from the status of any node. */
public sealed interface SearchOutcome {

    /** A proof and the acceptance check's verdict on it: the proof counts, and this is what the check found. */
    record Proved(Proof proof, AcceptanceVerdict.Accepted acceptance) implements SearchOutcome {
        public Proved {
            Objects.requireNonNull(proof, "proof");
            Objects.requireNonNull(acceptance, "acceptance");
        }
    }

    record Failed(FailureReason reason, String detail) implements SearchOutcome {
        public Failed {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
        }
    }
}
