package dev.stepwise.search;

import java.util.Objects;

/** What the caller's acceptance check said of a proof. */
public sealed interface AcceptanceVerdict {

    AcceptanceVerdict ACCEPTED = new Accepted();

    record Accepted() implements AcceptanceVerdict {
    }

    /** The proof does not count; {@code reason} is recorded on the edge that closed it. */
    record Rejected(String reason) implements AcceptanceVerdict {
        public Rejected {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * Lean could not give an answer (it crashed or timed out while checking, even after retries):
     * the proof is neither accepted nor rejected. The search records the closing tactic as a
     * {@link EdgeKind#CRASHED} edge and counts it as a fault, so the attempt cannot end as a
     * final "unproved" on the strength of it.
     */
    record Unchecked(String reason) implements AcceptanceVerdict {
        public Unchecked {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
