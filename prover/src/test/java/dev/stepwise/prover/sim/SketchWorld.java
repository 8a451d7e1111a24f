package dev.stepwise.prover.sim;

import dev.stepwise.prover.sim.world.SimOutcome;
import dev.stepwise.prover.sim.world.SimState;
import dev.stepwise.prover.sim.world.SimTactic;
import dev.stepwise.prover.sim.world.World;
import dev.stepwise.prover.sim.world.WorldTheorem;
import java.util.List;

/** {@link TinyWorld}'s theorem with a planner's sketches and their holes; tests of sketch mode share it. */
public final class SketchWorld {
    public static final String BAD_HOLE = "x : ℝ\nh₀ : 0 < x\n⊢ x ^ 2 < 0";
    public static final String SQUARE_HOLE = "x : ℝ\nh₀ : 0 < x\n⊢ 0 ≤ x ^ 2";
    public static final String POSITIVE_HOLE = "x : ℝ\nh₀ : 0 < x\nh₁ : 0 ≤ x ^ 2\n⊢ 0 < x";

    private SketchWorld() {
    }

    /**
     * The tiny theorem with three sketches, in the order the simulated planner writes them: one
     * whose hole is false (its search fails), one whose hole is provable but which closes the goal
     * with {@code native_decide} (the gate refuses it), and a good one with that same hole again
     * (from the cache) and a second hole.
     */
    public static World world() {
        World tiny = TinyWorld.world();
        SimState s0 = new SimState("s0", List.of(TinyWorld.ROOT_GOAL), List.of(
                new SimTactic("have h₁ : x ^ 2 < 0 := by sorry", 0, new SimOutcome.Have("a1", "bad")),
                new SimTactic("have h₁ : 0 ≤ x ^ 2 := by sorry", 0, new SimOutcome.Have("g1", "square")),
                new SimTactic("positivity", 0, new SimOutcome.Complete())));
        SimState a1 = new SimState("a1", List.of("x : ℝ\nh₀ : 0 < x\nh₁ : x ^ 2 < 0\n⊢ 0 < x ^ 2 + x"), List.of(
                new SimTactic("nlinarith [h₁, h₀]", 1, new SimOutcome.Complete())));
        SimState g1 = new SimState("g1", List.of(TinyWorld.S1_GOAL), List.of(
                new SimTactic("native_decide", 0, new SimOutcome.Cheat(SimOutcome.CheatKind.AXIOM, "Lean.ofReduceBool")),
                new SimTactic("have h₂ : 0 < x := by sorry", 0, new SimOutcome.Have("g2", "positive"))));
        SimState g2 = new SimState("g2", List.of("x : ℝ\nh₀ : 0 < x\nh₁ : 0 ≤ x ^ 2\nh₂ : 0 < x\n⊢ 0 < x ^ 2 + x"),
                List.of(new SimTactic("nlinarith [h₁, h₂]", 1, new SimOutcome.Complete())));
        SimState bad = new SimState("bad", List.of(BAD_HOLE), List.of(
                new SimTactic("nlinarith [sq_nonneg x]", 1, new SimOutcome.Error(SimOutcome.ErrorKind.ELABORATION,
                        "linarith failed to find a contradiction"))));
        SimState square = new SimState("square", List.of(SQUARE_HOLE), List.of(
                new SimTactic("positivity", 1, new SimOutcome.Complete())));
        SimState positive = new SimState("positive", List.of(POSITIVE_HOLE), List.of(
                new SimTactic("exact h₀", 1, new SimOutcome.Complete())));
        WorldTheorem t = new WorldTheorem("tiny", TinyWorld.HEADER, TinyWorld.STATEMENT, true, "s0",
                List.of(s0, a1, g1, g2, bad, square, positive));
        return new World(World.FORMAT, World.VERSION, true, tiny.model(), 5, "sketches", tiny.latency(), tiny.faults(),
                List.of("norm_num"), List.of(t));
    }

}
