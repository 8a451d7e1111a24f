package dev.stepwise.lean;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What the acceptance gate allows.
 *
 * @param allowedAxioms axioms a proof may depend on (default: propext, Classical.choice, Quot.sound)
 * @param forbidden words the proof text may not contain (a cheap prefilter in front of Lean)
 * @param deadline wall-clock limit of the re-elaboration
 */
public record GatePolicy(Set<String> allowedAxioms, List<String> forbidden, Duration deadline) {
    public static final Set<String> STANDARD_AXIOMS = Set.of("propext", "Classical.choice", "Quot.sound");

    public GatePolicy {
        allowedAxioms = Set.copyOf(allowedAxioms);
        forbidden = List.copyOf(forbidden);
        Objects.requireNonNull(deadline, "deadline");
        if (deadline.isNegative() || deadline.isZero()) {
            throw new IllegalArgumentException("gate deadline must be positive, got " + deadline);
        }
    }

    public static GatePolicy standard(Duration deadline) {
        return new GatePolicy(STANDARD_AXIOMS, TacticFilter.DEFAULT_FORBIDDEN, deadline);
    }
}
