package dev.stepwise.search;

import java.util.List;

/**
 * Pass@k: {@code attempts} searches of one theorem. Attempt i uses
 * {@code alphas.get(i % alphas.size())} (BFS-Prover's union over alpha) and seed {@code seed + i}.
 */
public record AttemptPlan(int attempts, List<Double> alphas, long seed) {
    public AttemptPlan {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be >= 1, got " + attempts);
        }
        alphas = List.copyOf(alphas);
        if (alphas.isEmpty()) {
            throw new IllegalArgumentException("alphas must not be empty");
        }
        for (double a : alphas) {
            if (!(a >= 0) || Double.isInfinite(a)) {
                throw new IllegalArgumentException("every alpha must be a finite number >= 0, got " + a);
            }
        }
    }

    public static AttemptPlan single(double alpha, long seed) {
        return new AttemptPlan(1, List.of(alpha), seed);
    }

    public double alpha(int attempt) {
        return alphas.get(attempt % alphas.size());
    }

    public long seed(int attempt) {
        return seed + attempt;
    }
}
