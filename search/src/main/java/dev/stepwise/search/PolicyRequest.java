package dev.stepwise.search;

import java.util.List;
import java.util.Objects;

/**
 * Ask for up to {@code count} tactics for {@code state}. {@code proofBefore} is the tactic path
 * from the root (some prompt formats condition on it); {@code seed} makes sampling reproducible.
 */
public record PolicyRequest(Theorem theorem, ProofState state, List<String> proofBefore, int count,
        double temperature, long seed) {
    public PolicyRequest {
        Objects.requireNonNull(theorem, "theorem");
        Objects.requireNonNull(state, "state");
        proofBefore = List.copyOf(proofBefore);
        if (count < 1) {
            throw new IllegalArgumentException("count must be >= 1, got " + count);
        }
        if (!(temperature >= 0)) {
            throw new IllegalArgumentException("temperature must be >= 0, got " + temperature);
        }
    }
}
