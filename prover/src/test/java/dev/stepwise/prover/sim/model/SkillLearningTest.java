package dev.stepwise.prover.sim.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepwise.prover.sim.TinyWorld;
import dev.stepwise.prover.sim.train.TrainedAdapter;
import dev.stepwise.prover.sim.world.Faults;
import dev.stepwise.prover.sim.world.SimOutcome;
import dev.stepwise.prover.sim.world.SimOutcome.ErrorKind;
import dev.stepwise.prover.sim.world.SimState;
import dev.stepwise.prover.sim.world.SimTactic;
import dev.stepwise.prover.sim.world.World;
import dev.stepwise.prover.sim.world.WorldTheorem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The model of learning (docs/world-format.md): a skill learned on one theorem helps another, with
 * diminishing returns, overfitting past the default intensity, seeded noise, and a trainer
 * sabotaged with shuffled tactics only making the model worse.
 */
class SkillLearningTest {
    private static final String REWRITE = "rw [← sub_nonneg]";

    /** Theorem {@code a<i>}: the rewrite makes progress at the root, linarith fails there. */
    private static WorldTheorem theorem(int i) {
        String goal = "x" + i + " y : ℝ\n⊢ x" + i + " ≤ y + " + i;
        SimState s0 = new SimState("s0", List.of(goal), List.of(
                new SimTactic(REWRITE, 1, new SimOutcome.Next("s1")),
                new SimTactic("linarith", 2, new SimOutcome.Error(ErrorKind.ELABORATION, "linarith failed")),
                new SimTactic("simp", 2, new SimOutcome.Error(ErrorKind.ELABORATION, "simp made no progress"))));
        SimState s1 = new SimState("s1", List.of("x" + i + " y : ℝ\n⊢ 0 ≤ y + " + i + " - x" + i), List.of(
                new SimTactic("positivity", 1, new SimOutcome.Complete()),
                new SimTactic("linarith", 1, new SimOutcome.Error(ErrorKind.ELABORATION, "linarith failed"))));
        return new WorldTheorem("a" + i, TinyWorld.HEADER, "theorem a" + i + " : True := by", true, "s0", List.of(s0, s1));
    }

    private static World world(int theorems) {
        List<WorldTheorem> ts = new ArrayList<>();
        for (int i = 0; i < theorems; i++) {
            ts.add(theorem(i));
        }
        return new World(World.FORMAT, World.VERSION, true, "sim-model", 1, "test", TinyWorld.noLatency(), Faults.none(),
                List.of("simp"), ts);
    }

    /** Examples on theorems 1..n: the rewrite at each root (what a harvested proof gives). */
    private static List<TrainedAdapter.Pair> proofs(World w, int n, String tactic) {
        List<TrainedAdapter.Pair> out = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            out.add(new TrainedAdapter.Pair("state:\n" + w.theorems().get(i).rootState().goalText() + "\n:::", tactic));
        }
        return out;
    }

    private static TrainedAdapter.Training training(int epochs, long seed, TrainedAdapter.Effect effect) {
        return new TrainedAdapter.Training(epochs, 2e-5, TrainedAdapter.Method.SFT, seed, effect);
    }

    /** The probability of {@code tactic} at theorem 0's root, which no adapter here trains on. */
    private static double heldOut(World w, TrainedAdapter adapter, String tactic) {
        Boosts b = adapter == null ? Boosts.none() : Boosts.of(adapter, new StateLocator(w));
        SimState root = w.theorems().get(0).rootState();
        return Sampler.of(root.tactics(), b.at(w.theorems().get(0), root)).options().stream()
                .filter(o -> o.tactic().equals(tactic)).mapToDouble(Sampler.Option::probability).sum();
    }

    @Test
    void aSkillLearnedOnOtherTheoremsTransfersToAnUnseenOne() {
        World w = world(30);
        double before = heldOut(w, null, REWRITE);
        TrainedAdapter a = new TrainedAdapter("m", 4, training(3, 7, TrainedAdapter.Effect.LEARN), proofs(w, 20, REWRITE));
        double after = heldOut(w, a, REWRITE);
        assertEquals(0.2, before, 1e-9);
        assertTrue(after > 2 * before, "rewrite at an unseen theorem: " + before + " before, " + after + " after");
        // linarith was never trained; its misfires grow with no skill, so its weight is unchanged.
        assertEquals(1.0, Boosts.of(a, new StateLocator(w)).skills().multiplier(w.theorems().get(0).rootState().tactics().get(1), false), 1e-12);
    }

    @Test
    void moreExamplesHelpWithDiminishingReturns() {
        World w = world(61);
        double g0 = 0;
        double g20 = level(w, 20);
        double g40 = level(w, 40);
        double g60 = level(w, 60);
        assertTrue(g20 - g0 > g40 - g20 && g40 - g20 > g60 - g40, g20 + " " + g40 + " " + g60);
        assertTrue(g60 <= SkillLevels.CEILING * (1 + 4 * SkillLevels.NOISE), "bounded: " + g60);
    }

    private static double level(World w, int examples) {
        TrainedAdapter a = new TrainedAdapter("m", 4, training(3, 7, TrainedAdapter.Effect.LEARN), proofs(w, examples, REWRITE));
        return Boosts.of(a, new StateLocator(w)).skills().gain("rw:sub_nonneg");
    }

    @Test
    void trainingPastTheDefaultIntensityOverfits() {
        World w = world(30);
        List<TrainedAdapter.Pair> data = proofs(w, 20, REWRITE);
        double under = heldOut(w, new TrainedAdapter("m", 4, training(1, 7, TrainedAdapter.Effect.LEARN), data), REWRITE);
        double right = heldOut(w, new TrainedAdapter("m", 4, training(3, 7, TrainedAdapter.Effect.LEARN), data), REWRITE);
        double over = heldOut(w, new TrainedAdapter("m", 4, training(12, 7, TrainedAdapter.Effect.LEARN), data), REWRITE);
        assertTrue(right > under && right > over, "1 epoch " + under + ", 3 epochs " + right + ", 12 epochs " + over);
        assertEquals(1.0, SkillLevels.generalisation(training(3, 0, TrainedAdapter.Effect.LEARN)), 1e-12);
    }

    @Test
    void theNoiseIsSeededAndDeterministic() {
        World w = world(30);
        List<TrainedAdapter.Pair> data = proofs(w, 20, REWRITE);
        double a = heldOut(w, new TrainedAdapter("m", 4, training(3, 7, TrainedAdapter.Effect.LEARN), data), REWRITE);
        double again = heldOut(w, new TrainedAdapter("m", 4, training(3, 7, TrainedAdapter.Effect.LEARN), data), REWRITE);
        double other = heldOut(w, new TrainedAdapter("m", 4, training(3, 8, TrainedAdapter.Effect.LEARN), data), REWRITE);
        assertEquals(a, again);
        assertTrue(a != other, "seeds 7 and 8 draw the same noise: " + a);
    }

    @Test
    void shuffledTacticsTeachMisfiresAndNoSkill() {
        World w = world(30);
        // Shuffled across prompts, the closing tactic lands on roots where it does not apply.
        TrainedAdapter sabotaged = new TrainedAdapter("m", 4, training(3, 7, TrainedAdapter.Effect.SHUFFLED),
                proofs(w, 20, "linarith"));
        double right = heldOut(w, sabotaged, REWRITE);
        double wrong = heldOut(w, sabotaged, "linarith");
        assertTrue(right < 0.2, "the rewrite got likelier: " + right);
        assertTrue(wrong > 0.4, "linarith misfires: " + wrong);
        TrainedAdapter none = new TrainedAdapter("m", 4, training(3, 7, TrainedAdapter.Effect.NONE), proofs(w, 20, REWRITE));
        assertEquals(heldOut(w, null, REWRITE), heldOut(w, none, REWRITE), 1e-12);
        assertTrue(Boosts.of(none, new StateLocator(w)).at(w.theorems().get(1), w.theorems().get(1).rootState()).isEmpty());
    }

    @Test
    void dpoLearnsWhereNotToUseATactic() {
        World w = world(30);
        List<TrainedAdapter.Pair> pairs = new ArrayList<>();
        for (TrainedAdapter.Pair p : proofs(w, 20, REWRITE)) {
            pairs.add(new TrainedAdapter.Pair(p.prompt(), p.completion(), "simp"));
        }
        TrainedAdapter sft = new TrainedAdapter("m", 4, training(3, 7, TrainedAdapter.Effect.LEARN), pairs);
        TrainedAdapter dpo = new TrainedAdapter("m", 4, new TrainedAdapter.Training(3, 2e-5, TrainedAdapter.Method.DPO, 7,
                TrainedAdapter.Effect.LEARN), pairs);
        assertTrue(heldOut(w, dpo, "simp") < heldOut(w, sft, "simp"), "DPO's rejected simp is no less likely than under SFT");
        SkillLevels levels = Boosts.of(dpo, new StateLocator(w)).skills();
        assertTrue(levels.misfire("simp") < 0, "simp's misfires: " + levels.misfire("simp"));
        assertTrue(levels.gain("rw:sub_nonneg") < Boosts.of(sft, new StateLocator(w)).skills().gain("rw:sub_nonneg"),
                "DPO raises the chosen likelihood less than SFT");
    }

    /** Examples at the second state of theorems 1..n: {@code positivity}, which Lean accepts there and the base model samples half the time. */
    private static List<TrainedAdapter.Pair> closers(World w, int n, String rejected) {
        List<TrainedAdapter.Pair> out = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            out.add(new TrainedAdapter.Pair("state:\n" + w.theorems().get(i).state("s1").goalText() + "\n:::", "positivity",
                    rejected));
        }
        return out;
    }

    @Test
    void proofsTheModelAlreadyFindsTeachAHabitMoreThanASkill() {
        World w = world(30);
        // The rewrite has base probability 0.2 at the roots, positivity 0.5 at the second states.
        SkillLevels surprising = Boosts.of(new TrainedAdapter("m", 4, training(3, 7, TrainedAdapter.Effect.LEARN),
                proofs(w, 10, REWRITE)), new StateLocator(w)).skills();
        SkillLevels likely = Boosts.of(new TrainedAdapter("m", 4, training(3, 7, TrainedAdapter.Effect.LEARN),
                closers(w, 10, null)), new StateLocator(w)).skills();
        assertTrue(likely.gain("positivity") < surprising.gain("rw:sub_nonneg"),
                "gain " + likely.gain("positivity") + " (p = 0.5) against " + surprising.gain("rw:sub_nonneg") + " (p = 0.2)");
        assertTrue(likely.misfire("positivity") > surprising.misfire("rw:sub_nonneg"),
                "habit " + likely.misfire("positivity") + " (p = 0.5) against " + surprising.misfire("rw:sub_nonneg") + " (p = 0.2)");
        assertTrue(surprising.misfire("rw:sub_nonneg") > 0, "a learned skill misfires a little: " + surprising.misfire("rw:sub_nonneg"));
    }

    @Test
    void aTacticFarBelowWhatTheModelSamplesIsMemorisedRatherThanGeneralised() {
        // Per example: what the model already finds teaches little, what it almost never samples generalises little.
        assertTrue(SkillLevels.learnable(0.005) < SkillLevels.learnable(0.2) / 4, SkillLevels.learnable(0.005) + "");
        assertTrue(SkillLevels.learnable(0.9) < SkillLevels.learnable(0.2) / 4, SkillLevels.learnable(0.9) + "");
        assertEquals(0, SkillLevels.learnable(1), 1e-12);
        assertEquals(0, SkillLevels.learnable(0), 1e-12);
    }

    @Test
    void dpoSharpensHabitsLessThanSft() {
        World w = world(30);
        List<TrainedAdapter.Pair> pairs = closers(w, 10, "linarith");
        SkillLevels sft = Boosts.of(new TrainedAdapter("m", 4, training(3, 7, TrainedAdapter.Effect.LEARN), pairs),
                new StateLocator(w)).skills();
        SkillLevels dpo = Boosts.of(new TrainedAdapter("m", 4, new TrainedAdapter.Training(3, 2e-5, TrainedAdapter.Method.DPO, 7,
                TrainedAdapter.Effect.LEARN), pairs), new StateLocator(w)).skills();
        assertTrue(dpo.misfire("positivity") < sft.misfire("positivity"), dpo.misfire("positivity") + " " + sft.misfire("positivity"));
        assertTrue(dpo.misfire("linarith") < 0 && sft.misfire("linarith") == 0, "only DPO learns from the rejected linarith");
    }

    @Test
    void theTrainedPairsAreStillMemorised() {
        World w = world(30);
        TrainedAdapter a = new TrainedAdapter("m", 4, training(3, 7, TrainedAdapter.Effect.LEARN), proofs(w, 1, "positivity"));
        Map<String, Double> extra = Boosts.of(a, new StateLocator(w)).at(w.theorems().get(1), w.theorems().get(1).rootState());
        assertEquals(4 * 5.0, extra.get("positivity"), 1e-9);
    }
}
