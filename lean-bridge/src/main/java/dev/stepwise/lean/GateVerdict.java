package dev.stepwise.lean;

import java.util.List;
import java.util.Objects;

/**
 * The acceptance gate's verdict on one theorem: every reason it is not accepted, and the axioms
 * Lean reported ({@code #print axioms}), whatever the decision. {@code leanErrors} are the error
 * messages of the theorem's own elaboration, with their positions in the theorem text, which a
 * repair turn shows the model.
 */
public record GateVerdict(String theorem, GateDecision decision, List<String> reasons, List<String> axioms,
        List<Message> leanErrors) {
    /** A verdict without Lean's own error messages (decided before Lean, or not from the theorem's elaboration). */
    public GateVerdict(String theorem, GateDecision decision, List<String> reasons, List<String> axioms) {
        this(theorem, decision, reasons, axioms, List.of());
    }

    public GateVerdict {
        leanErrors = List.copyOf(leanErrors);
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
