package dev.stepwise.prover.sim.generate;

import java.util.List;

/** A tactic that works on the first goal, and the goals it leaves in place of it (none: closed). */
record Step(String tactic, List<Goal> replacement) {
    Step {
        replacement = List.copyOf(replacement);
    }

    boolean closes() {
        return replacement.isEmpty();
    }
}
