package dev.stepwise.prover.store;

import java.util.Objects;

/** The promote stage's decision with the numbers it was made on. Pass rates are fractions in [0, 1]. */
public record PromotionDecision(double currentPassRate, double candidatePassRate, double margin, Promotion promotion,
        String reason) {
    public PromotionDecision {
        Objects.requireNonNull(promotion, "promotion");
        Objects.requireNonNull(reason, "reason");
        if (!(currentPassRate >= 0 && currentPassRate <= 1) || !(candidatePassRate >= 0 && candidatePassRate <= 1)) {
            throw new IllegalArgumentException("pass rates must be in [0, 1], got " + currentPassRate + " and " + candidatePassRate);
        }
        if (Double.isNaN(margin)) {
            throw new IllegalArgumentException("margin must be a number");
        }
    }
}
