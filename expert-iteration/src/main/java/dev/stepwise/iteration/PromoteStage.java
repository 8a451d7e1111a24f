package dev.stepwise.iteration;

/**
 * Decides by the round's {@link PromotionRule} on the paired held-out results, and records the
 * decision with its figures either way. The next round reads the model in service from these decisions.
 */
final class PromoteStage implements StageStep {

    @Override
    public String run(RoundContext round) {
        StageOutputs.Evaluation e = round.files().read(RoundFiles.EVALUATION, StageOutputs.Evaluation.class);
        PromotionDecision d = round.settings().promotionRule().decide(e.comparison());
        round.services().store().decide(round.number(), d);
        return d.reason();
    }
}
