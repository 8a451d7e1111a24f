package dev.stepwise.prover.store;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What the acceptance gate said about a proof (full re-elaboration and axiom audit).
 *
 * @param reasons why it was rejected (at least one when rejected), or notes when accepted
 * @param axioms the axioms the proof depends on, as the audit listed them
 * @param checkTime how long the gate took
 */
public record GateVerdict(Verdict verdict, List<String> reasons, List<String> axioms, Duration checkTime) {
    public GateVerdict {
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(checkTime, "checkTime");
        reasons = List.copyOf(reasons);
        axioms = List.copyOf(axioms);
        if (verdict == Verdict.REJECTED && reasons.isEmpty()) {
            throw new IllegalArgumentException("a rejected proof needs at least one reason");
        }
        if (checkTime.isNegative()) {
            throw new IllegalArgumentException("checkTime is negative: " + checkTime);
        }
    }
}
