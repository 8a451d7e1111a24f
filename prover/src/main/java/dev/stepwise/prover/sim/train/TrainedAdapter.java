package dev.stepwise.prover.sim.train;

import java.util.List;
import java.util.Objects;

/**
 * What the simulated trainer learned: the (prompt, completion) pairs of its training file and how
 * strongly loading the adapter favours them. The simulated model server locates each prompt's
 * state in its world when it loads the adapter.
 */
public record TrainedAdapter(String baseModel, double strength, List<Pair> examples) {

    public TrainedAdapter {
        Objects.requireNonNull(baseModel, "baseModel");
        if (!(strength > 0) || Double.isInfinite(strength)) {
            throw new IllegalArgumentException("adapter strength must be a positive number, got " + strength);
        }
        examples = List.copyOf(examples);
    }

    /** One training example: the prompt (containing a proof state) and the tactic it should give. */
    public record Pair(String prompt, String completion) {
        public Pair {
            Objects.requireNonNull(prompt, "prompt");
            Objects.requireNonNull(completion, "completion");
        }
    }
}
