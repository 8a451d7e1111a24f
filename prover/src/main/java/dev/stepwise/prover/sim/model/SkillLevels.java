package dev.stepwise.prover.sim.model;

import dev.stepwise.prover.sim.train.TrainedAdapter;
import dev.stepwise.prover.sim.world.SimTactic;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;

/**
 * The model of learning (docs/world-format.md, "The model of learning"): what a simulated
 * adapter's examples do to each skill. Evidence is counted per skill; a skill's level grows with
 * its evidence with diminishing returns, is scaled by how well the training intensity (epochs
 * times learning rate) generalises, and carries seeded noise. A tactic's weight is then
 * multiplied by {@code e^θ} where it applies (it leads to a proof) and by {@code e^(η + μ − ρ)}
 * where it does not: fine-tuning on what the model already does makes it do that more readily,
 * also where it does not work (η, the habit, from SFT examples the model already found likely),
 * examples that use a tactic where it does not apply teach it to misfire (μ; what shuffled
 * tactics teach), and DPO's rejected tactics teach where not to use it (ρ).
 */
final class SkillLevels {
    /** The largest log-multiplier a skill reaches (e^3 ≈ 20 times likelier). */
    static final double CEILING = 3.0;
    /** Examples (in units of surprise) that bring a skill to 63% of its ceiling (1 − 1/e). */
    static final double SATURATION = 5;
    /** Spread of the seeded noise on each skill's gain (a relative standard deviation). */
    static final double NOISE = 0.2;
    /**
     * The share of the ceiling the habit reaches: SFT on tactics the model already samples often
     * sharpens its habits (it says them more readily everywhere, where they fail too).
     */
    static final double HABIT = 0.5;
    /** DPO's habit relative to SFT's: its loss is a margin against the reference model, not the data's likelihood. */
    static final double DPO_HABIT = 0.2;
    /**
     * The probability under the model below which an example is learned more as its own pair than
     * as a skill: an example's evidence is {@code (1 − p) · p / (p + p₀)}. Atypical examples are
     * memorised rather than generalised (Feldman 2020, "a short tale about a long tail").
     */
    static final double LEARNABLE = 0.05;
    /** DPO moves the margin between chosen and rejected more than the chosen likelihood. */
    static final double DPO_POSITIVE = 0.7;
    /** The training intensity (epochs × learning rate) of the defaults, 3 × 2e-5, where generalisation peaks. */
    static final double BEST_INTENSITY = 3 * 2e-5;

    /**
     * Evidence of one skill: uses where it applies (weighted by learnable surprise), the habit (the
     * base probabilities of its applying uses), uses where it does not apply, rejections.
     */
    static final class Evidence {
        double applied;
        double habit;
        double misapplied;
        double rejected;
    }

    /**
     * What one use of a tactic that applies, at base probability {@code p}, adds to its skill's
     * gain: a cross-entropy gradient is worth {@code 1 − p} (what the model already finds teaches
     * little), of which the share {@code p / (p + p₀)} generalises (a tactic far below what the model
     * samples is memorised as its pair).
     */
    static double learnable(double p) {
        return (1 - p) * p / (p + LEARNABLE);
    }

    private final Map<String, Double> gain;
    private final Map<String, Double> misfire;

    private SkillLevels(Map<String, Double> gain, Map<String, Double> misfire) {
        this.gain = gain;
        this.misfire = misfire;
    }

    static SkillLevels none() {
        return new SkillLevels(Map.of(), Map.of());
    }

    static SkillLevels learn(Map<String, Evidence> evidence, TrainedAdapter.Training training) {
        if (training.effect() == TrainedAdapter.Effect.NONE) {
            return none();
        }
        double g = generalisation(training);
        boolean dpo = training.method() == TrainedAdapter.Method.DPO;
        double positive = dpo ? DPO_POSITIVE : 1.0;
        double habit = HABIT * (dpo ? DPO_HABIT : 1.0);
        Map<String, Double> gain = new HashMap<>();
        Map<String, Double> misfire = new HashMap<>();
        // Sorted, so each skill's noise is drawn in the same order whatever the map's iteration order.
        for (String skill : new TreeSet<>(evidence.keySet())) {
            Evidence e = evidence.get(skill);
            double noise = Math.max(0, 1 + NOISE * new Random(training.seed() ^ (skill.hashCode() * 0x9E3779B97F4A7C15L)).nextGaussian());
            double theta = CEILING * g * positive * saturate(e.applied) * noise;
            double eta = CEILING * g * habit * saturate(e.habit);
            double mu = CEILING * g * saturate(e.misapplied);
            double rho = dpo ? CEILING * g * saturate(e.rejected) : 0;
            gain.put(skill, theta);
            misfire.put(skill, eta + mu - rho);
        }
        return new SkillLevels(gain, misfire);
    }

    /**
     * How well training at this intensity generalises: {@code x·e^(1−x)} of the intensity relative to
     * the defaults' ({@code x}); 1 at the defaults, less for too little training, and falling past
     * them (overfitting: the adapter memorises its pairs instead, see {@link #memorisation}).
     */
    static double generalisation(TrainedAdapter.Training t) {
        double x = intensity(t);
        return x * Math.exp(1 - x);
    }

    /** How much the exact trained pairs are favoured: in proportion to the intensity. */
    static double memorisation(TrainedAdapter.Training t) {
        return t.effect() == TrainedAdapter.Effect.NONE ? 0 : intensity(t);
    }

    private static double intensity(TrainedAdapter.Training t) {
        return t.epochs() * t.learningRate() / BEST_INTENSITY;
    }

    private static double saturate(double n) {
        return 1 - Math.exp(-n / SATURATION);
    }

    /** The factor on a tactic's weight, where it leads to a proof ({@code applies}) or not. */
    double multiplier(SimTactic t, boolean applies) {
        Double level = applies ? gain.get(t.skill()) : misfire.get(t.skill());
        return level == null ? 1 : Math.exp(level);
    }

    /** The level of a skill where it applies (θ), 0 for one never trained; for reports and tests. */
    double gain(String skill) {
        return gain.getOrDefault(skill, 0.0);
    }

    /** The log-factor on a skill's misfires (η + μ − ρ). */
    double misfire(String skill) {
        return misfire.getOrDefault(skill, 0.0);
    }
}
