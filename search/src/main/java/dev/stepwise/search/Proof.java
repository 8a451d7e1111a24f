package dev.stepwise.search;

import java.util.List;

/** A tactic proof found by the search: its steps from the theorem's root state to no goals. */
public record Proof(List<ProofStep> steps) {
    public Proof {
        steps = List.copyOf(steps);
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("a proof has at least one step");
        }
    }

    public List<String> tactics() {
        return steps.stream().map(ProofStep::tactic).toList();
    }

    /** The tactics one per line, as they follow {@code := by}. */
    public String script() {
        return String.join("\n", tactics());
    }

    public int length() {
        return steps.size();
    }
}
