package dev.stepwise.iteration;

import java.util.Objects;

/**
 * The promote stage's decision and the numbers it was made on.
 *
 * @param currentPassRate the held-out pass rate of the model in service
 * @param candidatePassRate the candidate's, on the same statements with the same budget and seeds
 * @param margin how much the candidate's pass rate had to exceed the current one's
 * @param evidence the paired figures the decision rests on; null for decisions recorded before they were kept
 */
public record PromotionDecision(double currentPassRate, double candidatePassRate, double margin, Promotion promotion,
        String reason, Evidence evidence) {
    public PromotionDecision {
        Objects.requireNonNull(promotion, "promotion");
        Objects.requireNonNull(reason, "reason");
        if (!(currentPassRate >= 0 && currentPassRate <= 1) || !(candidatePassRate >= 0 && candidatePassRate <= 1)) {
            throw new IllegalArgumentException("pass rates must be in [0, 1], got " + currentPassRate + " and " + candidatePassRate);
        }
        if (!(margin >= 0 && margin < 1)) {
            throw new IllegalArgumentException("promotion margin must be in [0, 1), got " + margin);
        }
        if (evidence != null && ((evidence.basis() == PromotionBasis.SUFFICIENT_GAIN) != (promotion == Promotion.PROMOTED)
                || evidence.comparison().currentPassRate() != currentPassRate
                || evidence.comparison().candidatePassRate() != candidatePassRate)) {
            throw new IllegalArgumentException("the decision " + promotion + " at pass rates " + currentPassRate + " -> "
                    + candidatePassRate + " disagrees with its evidence " + evidence);
        }
    }

    /** A decision without the paired figures, as rounds recorded before promotion was decided on evidence. */
    public PromotionDecision(double currentPassRate, double candidatePassRate, double margin, Promotion promotion, String reason) {
        this(currentPassRate, candidatePassRate, margin, promotion, reason, null);
    }

    /**
     * What a decision on evidence rests on.
     *
     * @param comparison both models on the same held-out statements
     * @param pValue the exact McNemar p-value of its discordant pairs (two-sided)
     * @param confidence the confidence the test was held to: promotion needs {@code pValue <= 1 - confidence}
     * @param minHeldOut the fewest held-out statements a promotion may rest on
     * @param basis why the decision went the way it did
     */
    public record Evidence(HeldOutComparison comparison, double pValue, double confidence, int minHeldOut, PromotionBasis basis) {
        public Evidence {
            Objects.requireNonNull(comparison, "comparison");
            Objects.requireNonNull(basis, "basis");
            if (!(pValue >= 0 && pValue <= 1)) {
                throw new IllegalArgumentException("p-value must be in [0, 1], got " + pValue);
            }
            if (!(confidence >= 0 && confidence < 1)) {
                throw new IllegalArgumentException("promotion confidence must be in [0, 1), got " + confidence);
            }
            if (minHeldOut < 0) {
                throw new IllegalArgumentException("minimum held-out size must be >= 0, got " + minHeldOut);
            }
        }
    }
}
