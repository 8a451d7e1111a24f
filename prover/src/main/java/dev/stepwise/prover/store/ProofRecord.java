package dev.stepwise.prover.store;

import dev.stepwise.search.AcceptanceVerdict;
import java.util.List;
import java.util.Objects;

/**
 * A stored proof as read back: its tactics in order, the proof as Lean text (what the proved file
 * contains), and the acceptance check's verdict on it. The search keeps only accepted proofs, so
 * no other verdict is ever stored.
 */
public record ProofRecord(List<String> tactics, String proofText, AcceptanceVerdict.Accepted acceptance) {
    public ProofRecord {
        tactics = List.copyOf(tactics);
        Objects.requireNonNull(proofText, "proofText");
        Objects.requireNonNull(acceptance, "acceptance");
        if (tactics.isEmpty()) {
            throw new IllegalArgumentException("a proof has at least one tactic");
        }
    }
}
