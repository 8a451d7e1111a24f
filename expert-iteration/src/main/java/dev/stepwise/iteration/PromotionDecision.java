package dev.stepwise.iteration;

import java.util.Objects;

/** The promote stage's decision and the numbers it was made on (pass rates on the held-out split). */
public record PromotionDecision(double currentPassRate, double candidatePassRate, double margin, Promotion promotion,
        String reason) {
    public PromotionDecision {
        Objects.requireNonNull(promotion, "promotion");
        Objects.requireNonNull(reason, "reason");
        if (!(currentPassRate >= 0 && currentPassRate <= 1) || !(candidatePassRate >= 0 && candidatePassRate <= 1)) {
            throw new IllegalArgumentException("pass rates must be in [0, 1], got " + currentPassRate + " and " + candidatePassRate);
        }
        if (!(margin >= 0 && margin < 1)) {
            throw new IllegalArgumentException("promotion margin must be in [0, 1), got " + margin);
        }
    }

    /** Promote exactly when the candidate's pass rate exceeds the current one's by more than the margin. */
    static PromotionDecision decide(double current, double candidate, double margin) {
        double gain = candidate - current;
        String numbers = String.format(java.util.Locale.ROOT, "candidate %.4f vs current %.4f (gain %+.4f, margin %.4f)",
                candidate, current, gain, margin);
        // Compare with a tolerance: pass rates are ratios of small counts and must not flip on rounding.
        boolean beats = gain - margin > 1e-12;
        return new PromotionDecision(current, candidate, margin, beats ? Promotion.PROMOTED : Promotion.KEPT_CURRENT,
                (beats ? "promoted: " : "kept the current model: ") + numbers);
    }
}
