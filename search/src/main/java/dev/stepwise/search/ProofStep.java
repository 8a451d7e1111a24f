package dev.stepwise.search;

import java.util.Objects;

/** One step of a proof: the goals before it and the tactic applied to them. */
public record ProofStep(String stateBefore, String tactic) {
    public ProofStep {
        Objects.requireNonNull(stateBefore, "stateBefore");
        Objects.requireNonNull(tactic, "tactic");
    }
}
