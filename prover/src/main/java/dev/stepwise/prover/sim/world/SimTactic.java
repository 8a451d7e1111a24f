package dev.stepwise.prover.sim.world;

import java.util.Objects;

/**
 * One tactic known at a state: how likely the simulated model is to suggest it ({@code weight},
 * relative to the other tactics of the state; 0 = never suggested, but Lean still knows the
 * answer) and what Lean does with it.
 */
public record SimTactic(String tactic, double weight, SimOutcome outcome) {
    public SimTactic {
        if (tactic == null || tactic.isBlank()) {
            throw new IllegalArgumentException("tactic text is blank");
        }
        Objects.requireNonNull(outcome, "tactic '" + tactic + "' has no outcome");
        if (!(weight >= 0) || Double.isInfinite(weight)) {
            throw new IllegalArgumentException("weight of tactic '" + tactic + "' must be a finite number >= 0, got " + weight);
        }
    }
}
