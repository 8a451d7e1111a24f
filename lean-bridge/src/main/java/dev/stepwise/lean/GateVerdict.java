package dev.stepwise.lean;

import java.util.List;
import java.util.Objects;

/**
 * The acceptance gate's verdict on one theorem: every reason it is not accepted, and the axioms
 * Lean reported ({@code #print axioms}), whatever the decision.
 */
public record GateVerdict(String theorem, GateDecision decision, List<String> reasons, List<String> axioms) {
    public GateVerdict {
        Objects.requireNonNull(theorem, "theorem");
        Objects.requireNonNull(decision, "decision");
        reasons = List.copyOf(reasons);
        axioms = List.copyOf(axioms);
        if ((decision == GateDecision.ACCEPTED) != reasons.isEmpty()) {
            throw new IllegalArgumentException("an accepted verdict has no reasons, any other has at least one");
        }
    }

    public boolean accepted() {
        return decision == GateDecision.ACCEPTED;
    }
}
