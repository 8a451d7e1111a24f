package dev.stepwise.prover.store;

import java.util.List;
import java.util.Objects;

/**
 * A proof found by an attempt: its tactics in order, the proof as Lean text (what the proved file
 * contains), and the gate's verdict on it.
 */
public record ProofRecord(List<String> tactics, String proofText, GateVerdict verdict) {
    public ProofRecord {
        tactics = List.copyOf(tactics);
        Objects.requireNonNull(proofText, "proofText");
        Objects.requireNonNull(verdict, "verdict");
        if (tactics.isEmpty()) {
            throw new IllegalArgumentException("a proof has at least one tactic");
        }
    }
}
