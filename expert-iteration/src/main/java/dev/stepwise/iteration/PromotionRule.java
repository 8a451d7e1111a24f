package dev.stepwise.iteration;

import java.util.Locale;

/**
 * When a candidate replaces the model in service: only on enough held-out statements, only when it
 * solved more of them than the current model by more than the margin, and only when the exact
 * McNemar test on the statements where the two differ says the gain is not chance at the
 * configured confidence. A candidate that solved fewer is never promoted, whatever the test says.
 *
 * @param margin how much the candidate's held-out pass rate must exceed the current one's (in [0, 1))
 * @param minHeldOut the fewest held-out statements a promotion may rest on (0: any)
 * @param confidence promotion needs the two-sided p-value at most {@code 1 - confidence}; 0 turns the test off
 */
public record PromotionRule(double margin, int minHeldOut, double confidence) {
    public PromotionRule {
        if (!(margin >= 0 && margin < 1)) {
            throw new IllegalArgumentException("iterate.promotion-margin must be in [0, 1), got " + margin);
        }
        if (minHeldOut < 0) {
            throw new IllegalArgumentException("iterate.min-held-out must be >= 0, got " + minHeldOut);
        }
        if (!(confidence >= 0 && confidence < 1)) {
            throw new IllegalArgumentException("iterate.promotion-confidence must be in [0, 1), got " + confidence);
        }
    }

    public PromotionDecision decide(HeldOutComparison e) {
        double p = e.pValue();
        double gain = e.candidatePassRate() - e.currentPassRate();
        double alpha = 1 - confidence;
        PromotionBasis basis;
        String why;
        if (e.heldOut() < minHeldOut) {
            basis = PromotionBasis.TOO_FEW_HELD_OUT;
            why = "too few held-out: " + e.heldOut() + " statements, iterate.min-held-out is " + minHeldOut;
        } else if (e.candidateSolved() < e.currentSolved()) {
            basis = PromotionBasis.REGRESSION;
            why = "a regression is never promoted";
        } else if (e.candidateSolved() == e.currentSolved()) {
            basis = PromotionBasis.NO_GAIN;
            why = "no gain";
        } else if (gain - margin <= 1e-12) {
            // Compared with a tolerance: pass rates are ratios of small counts and must not flip on rounding.
            basis = PromotionBasis.WITHIN_MARGIN;
            why = String.format(Locale.ROOT, "gain %+.4f within margin %.4f", gain, margin);
        } else if (p > alpha) {
            basis = PromotionBasis.NOT_SIGNIFICANT;
            why = String.format(Locale.ROOT, "not significant at confidence %s (p > %s)", McNemar.format(confidence), McNemar.format(alpha));
        } else {
            basis = PromotionBasis.SUFFICIENT_GAIN;
            why = String.format(Locale.ROOT, "gain %+.4f beyond margin %.4f", gain, margin)
                    + (confidence == 0 ? ", no significance test (confidence 0)"
                            : String.format(Locale.ROOT, ", significant at confidence %s (p <= %s)", McNemar.format(confidence), McNemar.format(alpha)));
        }
        Promotion promotion = basis == PromotionBasis.SUFFICIENT_GAIN ? Promotion.PROMOTED : Promotion.KEPT_CURRENT;
        String reason = String.format(Locale.ROOT, "%s: candidate %d/%d (%.4f) vs current %d/%d (%.4f), candidate alone %d, current"
                + " alone %d, exact McNemar p=%s; %s", promotion == Promotion.PROMOTED ? "promoted" : "kept the current model",
                e.candidateSolved(), e.heldOut(), e.candidatePassRate(), e.currentSolved(), e.heldOut(), e.currentPassRate(),
                e.candidateOnly(), e.currentOnly(), McNemar.format(p), why);
        return new PromotionDecision(e.currentPassRate(), e.candidatePassRate(), margin, promotion, reason,
                new PromotionDecision.Evidence(e, p, confidence, minHeldOut, basis));
    }

}
