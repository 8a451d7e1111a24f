package dev.stepwise.search;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What the caller's acceptance check said of a proof. An accepted verdict travels with the proof
 * in {@link SearchOutcome.Proved}, so whoever stores the proof has the check's findings without
 * asking the checker again.
 */
public sealed interface AcceptanceVerdict {

    /** What {@link ProofAcceptor#ACCEPT_ALL} says: no check ran, so nothing was found and no time spent. */
    Accepted ACCEPTED = new Accepted(List.of(), List.of(), Duration.ZERO);

    /**
     * The proof counts.
     *
     * @param notes what the check remarked on an accepted proof (usually nothing)
     * @param axioms the axioms the proof depends on, as the check listed them
     * @param checkTime how long the check took, as the checker measured it
     */
    record Accepted(List<String> notes, List<String> axioms, Duration checkTime) implements AcceptanceVerdict {
        public Accepted {
            notes = List.copyOf(notes);
            axioms = List.copyOf(axioms);
            Objects.requireNonNull(checkTime, "checkTime");
            if (checkTime.isNegative()) {
                throw new IllegalArgumentException("checkTime is negative: " + checkTime);
            }
        }
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
