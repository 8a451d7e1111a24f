package dev.stepwise.iteration;

import java.util.Objects;

/**
 * Everything a round is configured with; stored with the round as JSON.
 *
 * @param baseModel the model rounds start from, as the server names it
 * @param maxProblems the most unsolved statements one round searches
 * @param evalFraction the share of the pool held out for evaluation (fixed by a hash of each name)
 * @param validFraction the share of statements whose examples go to the validation files
 * @param promotionMargin how much the candidate's held-out pass rate must exceed the current one's
 */
public record RoundSettings(String baseModel, int maxProblems, Curriculum curriculum, double evalFraction,
        double validFraction, PerplexityBand band, TrainingChoices.EasyProofs easyProofs, TrainingChoices.Prepass prepass,
        double promotionMargin, TrainerSettings trainer) {
    public RoundSettings {
        Objects.requireNonNull(baseModel, "baseModel");
        Objects.requireNonNull(curriculum, "curriculum");
        Objects.requireNonNull(band, "band");
        Objects.requireNonNull(easyProofs, "easyProofs");
        Objects.requireNonNull(prepass, "prepass");
        Objects.requireNonNull(trainer, "trainer");
        if (baseModel.isBlank()) {
            throw new IllegalArgumentException("iterate.base-model is empty");
        }
        if (maxProblems < 1) {
            throw new IllegalArgumentException("iterate.max-problems must be >= 1, got " + maxProblems);
        }
        if (!(evalFraction > 0 && evalFraction < 1)) {
            throw new IllegalArgumentException("iterate.eval-fraction must be in (0, 1), got " + evalFraction);
        }
        if (!(validFraction >= 0 && validFraction < 1)) {
            throw new IllegalArgumentException("iterate.valid-fraction must be in [0, 1), got " + validFraction);
        }
        if (!(promotionMargin >= 0 && promotionMargin < 1)) {
            throw new IllegalArgumentException("iterate.promotion-margin must be in [0, 1), got " + promotionMargin);
        }
    }

    /** These settings with another trainer command (a resumed round may fix how its trainer is launched). */
    public RoundSettings withTrainerCommand(String command) {
        TrainerSettings t = trainer;
        return new RoundSettings(baseModel, maxProblems, curriculum, evalFraction, validFraction, band, easyProofs, prepass,
                promotionMargin, new TrainerSettings(command, t.method(), t.finetune(), t.mode(), t.epochs(), t.learningRate(),
                        t.loraRank(), t.loraAlpha()));
    }
}
