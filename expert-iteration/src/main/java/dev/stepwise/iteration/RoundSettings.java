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
 * @param minHeldOut the fewest held-out statements a promotion may rest on (0, as in rounds stored before it existed: any)
 * @param promotionConfidence the confidence of the exact McNemar test a promotion needs (0, as in rounds stored before
 *     it existed: no test)
 * @param seed the configured sampling seed ({@code search.seed}); each round samples from its own seeds derived from it
 */
public record RoundSettings(String baseModel, int maxProblems, Curriculum curriculum, double evalFraction,
        double validFraction, PerplexityBand band, TrainingChoices.EasyProofs easyProofs, TrainingChoices.Prepass prepass,
        double promotionMargin, int minHeldOut, double promotionConfidence, TrainerSettings trainer, long seed) {
    /**
     * How far apart the seeds of consecutive rounds start. A search's attempt i samples with its
     * seed + i, so rounds never share an attempt seed below a million attempts per statement, and
     * the seeds stay small and readable in the runs table (round 3 of seed 0 starts at 2000000).
     */
    static final long ROUND_SEED_STRIDE = 1_000_000L;

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
        promotionRule();
    }

    /** What the promote stage decides by (checks the three promotion settings). */
    public PromotionRule promotionRule() {
        return new PromotionRule(promotionMargin, minHeldOut, promotionConfidence);
    }

    /**
     * The sampling seed of a round's searches, from the configured seed and the round's number:
     * a kept model searching the same unproved statements next round samples afresh instead of
     * repeating itself, while within a round every search (both models' evaluations included)
     * uses the same seed, so the two models meet the same draws. Round 1 uses the configured seed.
     */
    public long roundSeed(int round) {
        if (round < 1) {
            throw new IllegalArgumentException("round numbers start at 1, got " + round);
        }
        return seed + (round - 1) * ROUND_SEED_STRIDE;
    }

    /** These settings with another trainer command (a resumed round may fix how its trainer is launched). */
    public RoundSettings withTrainerCommand(String command) {
        TrainerSettings t = trainer;
        return new RoundSettings(baseModel, maxProblems, curriculum, evalFraction, validFraction, band, easyProofs, prepass,
                promotionMargin, minHeldOut, promotionConfidence, new TrainerSettings(command, t.method(), t.finetune(), t.mode(),
                        t.epochs(), t.learningRate(), t.loraRank(), t.loraAlpha(), t.gpus(), t.trustRemoteCode()), seed);
    }
}
