package dev.stepwise.prover.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepwise.prover.cli.CliHarness;
import dev.stepwise.prover.problems.DatasetCatalog;
import dev.stepwise.prover.problems.Problem;
import dev.stepwise.prover.sim.generate.GeneratorKnobs;
import dev.stepwise.prover.sim.generate.WorldGenerator;
import dev.stepwise.prover.sim.world.Faults;
import dev.stepwise.prover.sim.world.Latency;
import dev.stepwise.prover.sim.world.SimOutcome;
import dev.stepwise.prover.sim.world.SimState;
import dev.stepwise.prover.sim.world.SimTactic;
import dev.stepwise.prover.sim.world.World;
import dev.stepwise.prover.sim.world.WorldFile;
import dev.stepwise.prover.sim.world.WorldTheorem;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WorldGeneratorTest {
    private static final List<Problem> MINIF2F = new DatasetCatalog(CliHarness.repoRoot()).load("minif2f-test");

    private static World generate(List<Problem> problems, long seed, GeneratorKnobs knobs) {
        return new WorldGenerator().generate(problems, "minif2f-test", "m", seed, knobs, Latency.quick(), Faults.none()).world();
    }

    @Test
    void sameSeedGivesTheSameBytesAndAnotherSeedDoesNot() {
        WorldFile file = new WorldFile();
        byte[] a = file.toBytes(generate(MINIF2F, 11, GeneratorKnobs.defaults()));
        byte[] b = file.toBytes(generate(MINIF2F, 11, GeneratorKnobs.defaults()));
        byte[] c = file.toBytes(generate(MINIF2F, 12, GeneratorKnobs.defaults()));
        assertArrayEquals(a, b);
        assertFalse(java.util.Arrays.equals(a, c));
        assertEquals(generate(MINIF2F, 11, GeneratorKnobs.defaults()), file.parse(a, "generated"));
    }

    @Test
    void everyMinif2fStatementBecomesARootGoal() {
        var generated = new WorldGenerator().generate(MINIF2F, "minif2f-test", "m", 1, GeneratorKnobs.defaults(),
                Latency.quick(), Faults.none());
        assertEquals(List.of(), generated.skipped());
        assertEquals(244, generated.world().theorems().size());
    }

    @Test
    void rootGoalLooksLikeLeansPrettyPrinting() {
        Problem p = MINIF2F.stream().filter(x -> x.name().equals("aime_1983_p2")).findFirst().orElseThrow();
        WorldTheorem t = generate(List.of(p), 3, GeneratorKnobs.defaults()).theorems().get(0);
        assertEquals("x p : ℝ\nf : ℝ → ℝ\nh₀ : 0 < p ∧ p < 15\nh₁ : p ≤ x ∧ x ≤ 15\n"
                + "h₂ : f x = |x - p| + |x - 15| + |x - p - 15|\n⊢ 15 ≤ f x", t.rootState().goals().get(0));
    }

    @Test
    void instanceBindersAndTightOperatorsArePrinted() {
        Problem p = new Problem("t", "test", "", "theorem t {α : Type} [Fintype α] (n : ℕ) (h : n^2=4) : 2*n = 4 := by",
                "", "here");
        WorldTheorem t = generate(List.of(p), 3, GeneratorKnobs.defaults()).theorems().get(0);
        assertEquals("α : Type\ninst✝ : Fintype α\nn : ℕ\nh : n ^ 2 = 4\n⊢ 2 * n = 4", t.rootState().goals().get(0));
    }

    @Test
    void provableTheoremsReachCompleteAndOthersNever() {
        World w = generate(MINIF2F.subList(0, 60), 5, GeneratorKnobs.defaults());
        int provable = 0;
        for (WorldTheorem t : w.theorems()) {
            boolean reaches = reachesComplete(t);
            assertEquals(t.provable(), reaches, t.name());
            provable += t.provable() ? 1 : 0;
        }
        assertTrue(provable > 15 && provable < 55, "provable " + provable + " of 60 at fraction 0.6");
    }

    @Test
    void knobsShapeTheGraph() {
        GeneratorKnobs none = new GeneratorKnobs(1, 1, 1, 1.0, 0, 0, 0, 0, 0, 3);
        World w = generate(MINIF2F.subList(0, 10), 5, none);
        for (WorldTheorem t : w.theorems()) {
            assertTrue(t.provable());
            SimState root = t.rootState();
            // A sketch's hole (have ... := by sorry, weight 0: the planner's, never the step-prover's) is neither.
            assertTrue(root.tactics().stream().allMatch(x -> x.outcome() instanceof SimOutcome.Complete
                    || x.outcome() instanceof SimOutcome.Next || x.outcome() instanceof SimOutcome.Have),
                    t.name() + ": no errors or cheats at error rate 0");
            assertTrue(t.states().stream().flatMap(s -> s.tactics().stream())
                    .noneMatch(x -> x.outcome() instanceof SimOutcome.Cheat), t.name() + ": no cheating sketch at cheat rate 0");
        }
        GeneratorKnobs cheaty = new GeneratorKnobs(2, 3, 2, 0.0, 0.5, 0.5, 1.0, 0, 0, 10);
        World c = generate(MINIF2F.subList(0, 10), 5, cheaty);
        for (WorldTheorem t : c.theorems()) {
            assertFalse(reachesComplete(t));
            // Every state the step search can reach: a sketch's main goal after its holes is the planner's alone.
            java.util.Set<String> afterHoles = t.states().stream().flatMap(s -> s.tactics().stream())
                    .map(SimTactic::outcome).filter(o -> o instanceof SimOutcome.Have).map(o -> ((SimOutcome.Have) o).state())
                    .collect(java.util.stream.Collectors.toSet());
            assertTrue(t.states().stream().filter(s -> !afterHoles.contains(s.id()))
                    .allMatch(s -> s.tactics().stream().anyMatch(x -> x.outcome() instanceof SimOutcome.Cheat)),
                    t.name() + ": every state has a cheat at cheat rate 1");
        }
    }

    @Test
    void badKnobsAreRefusedWithTheirName() {
        var e = assertThrows(IllegalArgumentException.class, () -> new GeneratorKnobs(3, 2, 1, 0.5, 0, 0, 0, 0, 0, 10));
        assertEquals("max depth 2 is below min depth 3", e.getMessage());
        var p = assertThrows(IllegalArgumentException.class, () -> new GeneratorKnobs(1, 2, 1, 1.5, 0, 0, 0, 0, 0, 10));
        assertEquals("provable must be in [0, 1], got 1.5", p.getMessage());
    }

    private static boolean reachesComplete(WorldTheorem t) {
        Set<String> seen = new HashSet<>();
        ArrayDeque<String> todo = new ArrayDeque<>(List.of(t.root()));
        while (!todo.isEmpty()) {
            SimState s = t.state(todo.pop());
            if (!seen.add(s.id())) {
                continue;
            }
            for (SimTactic x : s.tactics()) {
                if (x.outcome() instanceof SimOutcome.Complete) {
                    return true;
                }
                if (x.outcome() instanceof SimOutcome.Next n) {
                    todo.push(n.state());
                }
            }
        }
        return false;
    }
}
