package dev.stepwise.iteration;

/**
 * Promotes the candidate only if it beats the model in service by more than the margin; records
 * the decision with both numbers either way. The next round reads the model in service from
 * these decisions.
 */
final class PromoteStage implements StageStep {

    @Override
    public String run(RoundContext round) {
        StageOutputs.Evaluation e = round.files().read(RoundFiles.EVALUATION, StageOutputs.Evaluation.class);
        PromotionDecision d = PromotionDecision.decide(e.currentPassRate(), e.candidatePassRate(), round.settings().promotionMargin());
        round.services().store().decide(round.number(), d);
        return d.reason();
    }
}
