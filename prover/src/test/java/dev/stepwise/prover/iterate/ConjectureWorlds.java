package dev.stepwise.prover.iterate;

import dev.stepwise.prover.sim.world.SimOutcome;
import dev.stepwise.prover.sim.world.SimState;
import dev.stepwise.prover.sim.world.SimTactic;
import dev.stepwise.prover.sim.world.World;
import dev.stepwise.prover.sim.world.WorldConjecture;
import dev.stepwise.prover.sim.world.WorldTheorem;
import java.util.ArrayList;
import java.util.List;

/**
 * Gives a generated world's simulated model conjectures of every kind the conjecture stage tells
 * apart, for each seed theorem i: one that does not elaborate (no world theorem states it), a
 * duplicate (the seed's own statement under another name, respaced), one the gate's word filter
 * refuses ({@code sorryAx}), one too easy (its only tactic proves it), one barely provable (one
 * proving tactic among many failing ones: a search of width W proves it with probability about
 * 1 - (1 - q)^W, q its share) and one unprovable (every tactic fails). SIMULATED.
 */
final class ConjectureWorlds {
    /** Failing tactics beside the barely provable conjecture's proving one. */
    static final int FAILING = 24;

    private ConjectureWorlds() {
    }

    static World withConjectures(World world, List<String> seeds, double barelyWeight) {
        List<WorldTheorem> theorems = new ArrayList<>(world.theorems());
        List<WorldConjecture> conjectures = new ArrayList<>(world.conjectures());
        for (int i = 0; i < seeds.size(); i++) {
            WorldTheorem seed = world.theorem(seeds.get(i)).orElseThrow();
            String header = seed.header();
            int k = i + 3;
            WorldTheorem easy = theorem("sim_conj_easy_" + i, header, "(x : ℕ) : x + " + k + " = " + k + " + x",
                    "x : ℕ\n⊢ x + " + k + " = " + k + " + x", List.of(new SimTactic("omega", 1.0, new SimOutcome.Complete())));
            List<SimTactic> barely = new ArrayList<>();
            barely.add(new SimTactic("nlinarith [h, sq_nonneg (y - " + k + ")]", barelyWeight, new SimOutcome.Complete()));
            for (int f = 0; f < FAILING; f++) {
                barely.add(new SimTactic("simp only [pow_two, mul_comm] at h ⊢ <;> linarith [h] -- try " + f, 1.0,
                        new SimOutcome.Error(SimOutcome.ErrorKind.ELABORATION, "linarith failed to find a contradiction")));
            }
            WorldTheorem hard = theorem("sim_conj_barely_" + i, header, "(y : ℕ) (h : y > " + k + ") : y * y > " + k,
                    "y : ℕ\nh : y > " + k + "\n⊢ y * y > " + k, barely);
            List<SimTactic> failing = new ArrayList<>();
            for (int f = 0; f < 6; f++) {
                failing.add(new SimTactic("nlinarith [sq_nonneg (z - " + f + ")]", 1.0,
                        new SimOutcome.Error(SimOutcome.ErrorKind.ELABORATION, "linarith failed to find a contradiction")));
            }
            WorldTheorem made = theorem("sim_conj_none_" + i, header, "(z : ℤ) : z ^ 4 ≥ " + k + " * z", "z : ℤ\n⊢ z ^ 4 ≥ " + k + " * z",
                    failing);
            // no proof in its graph
            WorldTheorem none = new WorldTheorem(made.name(), made.header(), made.statement(), false, made.root(), made.states());
            theorems.addAll(List.of(easy, hard, none));
            String s = seed.name();
            conjectures.add(new WorldConjecture(s, "theorem conj_typo_" + i + " (q : ℚ) : q = q + " + k + " + := by", 1));
            conjectures.add(new WorldConjecture(s, "theorem conj_copy_" + i + seed.statement().replaceFirst("^\\s*theorem\\s+\\S+", "")
                    .replace(" : ", "  :  "), 1));
            conjectures.add(new WorldConjecture(s, "theorem conj_cheat_" + i + " (h : sorryAx Prop) : True := by", 1));
            conjectures.add(new WorldConjecture(s, easy.statement(), 1));
            conjectures.add(new WorldConjecture(s, hard.statement(), 1));
            conjectures.add(new WorldConjecture(s, none.statement(), 1));
        }
        World out = new World(world.format(), world.version(), world.simulated(), world.model(), world.seed(), world.source(),
                world.latency(), world.faults(), world.unknownStateTactics(), theorems, world.lean());
        return out.withConjectures(conjectures);
    }

    /**
     * A ladder of conjectures above each root: every theorem of level d (the root is level 0) proposes
     * the {@code width} theorems of level d + 1, up to {@code depth}. Each ladder theorem has one state
     * whose one proving tactic has share {@code q} among failing ones, so an attempt proves it with
     * probability about 1 - (1 - q)^W: a conjecture the stage's attempts miss is searched again in the
     * next round, and once proved there it seeds the next level. SIMULATED.
     */
    static World withLadders(World world, List<String> roots, int depth, int width, double provingWeight) {
        List<WorldTheorem> theorems = new ArrayList<>(world.theorems());
        List<WorldConjecture> conjectures = new ArrayList<>(world.conjectures());
        for (int r = 0; r < roots.size(); r++) {
            WorldTheorem root = world.theorem(roots.get(r)).orElseThrow();
            List<String> below = List.of(root.name());
            for (int d = 1; d <= depth; d++) {
                List<String> level = new ArrayList<>();
                for (int j = 0; j < width; j++) {
                    int a = 100 * r + 10 * d + j + 2;
                    List<SimTactic> tactics = new ArrayList<>();
                    tactics.add(new SimTactic("nlinarith [sq_nonneg (u - " + a + "), h]", provingWeight, new SimOutcome.Complete()));
                    for (int f = 0; f < FAILING; f++) {
                        tactics.add(new SimTactic("simp only [pow_two] at h ⊢ <;> linarith [h] -- try " + f, 1.0,
                                new SimOutcome.Error(SimOutcome.ErrorKind.ELABORATION, "linarith failed to find a contradiction")));
                    }
                    WorldTheorem t = theorem("sim_ladder_" + r + "_" + d + "_" + j, root.header(), "(u : ℕ) (h : u ≥ " + a
                            + ") : u * u ≥ " + a + " * " + a, "u : ℕ\nh : u ≥ " + a + "\n⊢ u * u ≥ " + a + " * " + a, tactics);
                    theorems.add(t);
                    level.add(t.name());
                }
                for (String seed : below) {
                    for (String name : level) {
                        String statement = theorems.stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow().statement();
                        conjectures.add(new WorldConjecture(seed, statement, 1));
                    }
                }
                below = level;
            }
        }
        World out = new World(world.format(), world.version(), world.simulated(), world.model(), world.seed(), world.source(),
                world.latency(), world.faults(), world.unknownStateTactics(), theorems, world.lean());
        return out.withConjectures(conjectures);
    }

    private static WorldTheorem theorem(String name, String header, String type, String goal, List<SimTactic> tactics) {
        return new WorldTheorem(name, header, "theorem " + name + " " + type + " := by", true, "s0",
                List.of(new SimState("s0", List.of(goal), tactics)));
    }
}
