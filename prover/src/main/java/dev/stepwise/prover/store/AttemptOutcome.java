package dev.stepwise.prover.store;

import java.util.Objects;

/** How an attempt ended: with a proof (which the gate may still have rejected) or without one. */
public sealed interface AttemptOutcome {

    record ProofFound(ProofRecord proof) implements AttemptOutcome {
        public ProofFound {
            Objects.requireNonNull(proof, "proof");
        }
    }

    /** @param detail what exactly ran out or failed, for people; may be empty */
    record NoProof(FailureReason reason, String detail) implements AttemptOutcome {
        public NoProof {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
        }
    }
}
