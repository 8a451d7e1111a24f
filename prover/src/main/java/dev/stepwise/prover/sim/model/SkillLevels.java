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
 * multiplied by {@code e^θ} where it applies (it leads to a proof) and by
 * {@code e^(λθ + μ − ρ)} where it does not: learning a skill also makes it misfire a little,
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
    /** How much of a skill's gain also raises its misfires. */
    static final double LEAK = 0.2;
    /** DPO moves the margin between chosen and rejected more than the chosen likelihood. */
    static final double DPO_POSITIVE = 0.7;
    /** The training intensity (epochs × learning rate) of the defaults, 3 × 2e-5, where generalisation peaks. */
    static final double BEST_INTENSITY = 3 * 2e-5;

    /** Evidence of one skill: uses where it applies (weighted by surprise), uses where it does not, rejections. */
    static final class Evidence {
        double applied;
        double misapplied;
        double rejected;
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
        double positive = training.method() == TrainedAdapter.Method.DPO ? DPO_POSITIVE : 1.0;
        Map<String, Double> gain = new HashMap<>();
        Map<String, Double> misfire = new HashMap<>();
        // Sorted, so each skill's noise is drawn in the same order whatever the map's iteration order.
        for (String skill : new TreeSet<>(evidence.keySet())) {
            Evidence e = evidence.get(skill);
            double noise = Math.max(0, 1 + NOISE * new Random(training.seed() ^ (skill.hashCode() * 0x9E3779B97F4A7C15L)).nextGaussian());
            double theta = CEILING * g * positive * saturate(e.applied) * noise;
            double mu = CEILING * g * saturate(e.misapplied);
            double rho = training.method() == TrainedAdapter.Method.DPO ? CEILING * g * saturate(e.rejected) : 0;
            gain.put(skill, theta);
            misfire.put(skill, LEAK * theta + mu - rho);
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

    /** The log-factor on a skill's misfires (λθ + μ − ρ). */
    double misfire(String skill) {
        return misfire.getOrDefault(skill, 0.0);
    }
}
