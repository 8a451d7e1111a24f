package dev.stepwise.prover.sim;

import dev.stepwise.prover.sim.world.Faults;
import dev.stepwise.prover.sim.world.Latency;
import dev.stepwise.prover.sim.world.SimOutcome;
import dev.stepwise.prover.sim.world.SimOutcome.CheatKind;
import dev.stepwise.prover.sim.world.SimOutcome.ErrorKind;
import dev.stepwise.prover.sim.world.SimState;
import dev.stepwise.prover.sim.world.SimTactic;
import dev.stepwise.prover.sim.world.World;
import dev.stepwise.prover.sim.world.WorldTheorem;
import java.time.Duration;
import java.util.List;

/** A hand-written world with one theorem whose graph has every outcome kind; tests share it. */
public final class TinyWorld {
    public static final String HEADER = "import Mathlib\n\n";
    public static final String STATEMENT = "theorem tiny (x : ℝ) (h₀ : 0 < x) : 0 < x ^ 2 + x := by";
    public static final String ROOT_GOAL = "x : ℝ\nh₀ : 0 < x\n⊢ 0 < x ^ 2 + x";
    public static final String S1_GOAL = "x : ℝ\nh₀ : 0 < x\nh₁ : 0 ≤ x ^ 2\n⊢ 0 < x ^ 2 + x";

    private TinyWorld() {
    }

    public static Latency noLatency() {
        return new Latency(Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ofMillis(50), Duration.ZERO,
                Duration.ZERO, 8);
    }

    public static World world() {
        return world(noLatency(), Faults.none());
    }

    public static World world(Latency latency, Faults faults) {
        SimState s0 = new SimState("s0", List.of(ROOT_GOAL), List.of(
                new SimTactic("have h₁ : 0 ≤ x ^ 2 := by positivity", 3, new SimOutcome.Next("s1")),
                new SimTactic("positivity", 1, new SimOutcome.Complete()),
                new SimTactic("exact h₀", 1, new SimOutcome.Error(ErrorKind.ELABORATION, "Type mismatch\n  h₀")),
                new SimTactic("linarth", 0.5, new SimOutcome.Error(ErrorKind.PARSE, "<input>:1:1: unknown tactic")),
                new SimTactic("native_decide", 0.5, new SimOutcome.Cheat(CheatKind.AXIOM, "Lean.ofReduceBool")),
                new SimTactic("simp_all [show False from by assumption]", 0.5,
                        new SimOutcome.Cheat(CheatKind.STATEMENT, "False → 0 < x ^ 2 + x")),
                new SimTactic("nlinarith [sq_nonneg x, sq_abs x]", 0, new SimOutcome.Timeout()),
                new SimTactic("norm_num [pow_succ] at *", 0, new SimOutcome.Crash())));
        SimState s1 = new SimState("s1", List.of(S1_GOAL), List.of(
                new SimTactic("nlinarith [h₁, h₀]", 2, new SimOutcome.Complete()),
                new SimTactic("linarith", 1, new SimOutcome.Error(ErrorKind.ELABORATION, "linarith failed"))));
        WorldTheorem t = new WorldTheorem("tiny", HEADER, STATEMENT, true, "s0", List.of(s0, s1));
        return new World(World.FORMAT, World.VERSION, true, "sim-model", 5, "tiny", latency, faults,
                List.of("norm_num", "simp"), List.of(t));
    }
}
