package dev.stepwise.prover.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stepwise.prover.cli.CliHarness;
import dev.stepwise.prover.sim.SketchWorld;
import dev.stepwise.prover.sim.TinyWorld;
import dev.stepwise.prover.sim.world.World;
import dev.stepwise.prover.sim.world.WorldFile;
import dev.stepwise.prover.sim.world.WorldTheorem;
import dev.stepwise.prover.store.Attempt;
import dev.stepwise.prover.store.Run;
import dev.stepwise.prover.store.SketchHole;
import dev.stepwise.prover.store.Store;
import dev.stepwise.search.AttemptMode;
import dev.stepwise.search.EdgeKind;
import dev.stepwise.search.EdgeRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sketch mode and mixed mode end to end through the simulator's production paths: the planner's
 * requests go to the simulated server's {@code /v1/chat/completions}, each sketch is elaborated by
 * a simulated REPL process that answers its {@code have ... := by sorry} holes in {@code sorries}
 * with proof states, every hole is searched step by step from its state with the simulated
 * step-prover, and the assembled proof goes through the acceptance gate. Numbers are SIMULATED.
 */
@Tag("slow") // prove runs with simulated REPL processes
class SketchEndToEndTest {
    static final String BAD_HOLE = SketchWorld.BAD_HOLE;
    static final String SQUARE_HOLE = SketchWorld.SQUARE_HOLE;
    static final String POSITIVE_HOLE = SketchWorld.POSITIVE_HOLE;

    @TempDir
    Path dir;

    private CliHarness.Result prove(World world, String mode, String... more) throws Exception {
        new WorldFile().write(world, dir.resolve("world.json"));
        WorldTheorem t = world.theorems().get(0);
        Files.writeString(dir.resolve("t.lean"), t.header() + t.statement() + "\n  sorry\n");
        List<String> args = new java.util.ArrayList<>(List.of("prove", "t.lean", "--simulate", "world.json",
                "--set", "search.mode=" + mode, "--set", "pool.size=1", "--json"));
        args.addAll(List.of(more));
        return new CliHarness(dir).run(args.toArray(String[]::new));
    }

    private Store store() {
        return Store.open(dir.resolve(".stepwise/stepwise.db"), Duration.ofSeconds(5));
    }

    @Test
    void holesAreSearchedFromTheirProofStatesAFailedHoleOrACheatReplansAndARepeatedHoleComesFromTheCache()
            throws Exception {
        var r = prove(SketchWorld.world(), "sketch");
        assertEquals(0, r.exitCode(), r.out() + r.err());
        JsonNode doc = new ObjectMapper().readTree(r.out());
        assertEquals(1, doc.get("proved").asLong(), r.out());
        try (Store store = store()) {
            Run run = store.runs().list().get(0).run();
            List<Attempt> attempts = store.attempts().forRun(run.id());
            assertEquals(1, attempts.size());
            Attempt a = attempts.get(0);
            assertEquals(AttemptMode.SKETCH, a.mode());
            assertEquals(3, a.samples());
            List<EdgeRecord> sketches = store.attempts().tree(a.id()).edges();
            assertEquals(3, sketches.size(), sketches.toString());
            // 1: its one hole is false: the step search from the hole's state fails, and the planner writes another.
            assertEquals(EdgeKind.LEAN_ERROR, sketches.get(0).kind());
            assertTrue(sketches.get(0).message().contains("hole 1") && sketches.get(0).message().contains("x ^ 2 < 0"),
                    sketches.get(0).message());
            // 2: its hole is proved, but it closes the goal with native_decide: the gate refuses the assembled proof.
            assertEquals(EdgeKind.PROOF_REJECTED, sketches.get(1).kind());
            assertTrue(sketches.get(1).message().contains("Lean.ofReduceBool"), sketches.get(1).message());
            assertTrue(sketches.get(1).tactic().contains("have h₁ : 0 ≤ x ^ 2 := by\n  positivity"), sketches.get(1).tactic());
            // 3: accepted, each hole's proof in place of its sorry.
            assertEquals(EdgeKind.PROOF_COMPLETE, sketches.get(2).kind());
            assertEquals("have h₁ : 0 ≤ x ^ 2 := by\n  positivity\nhave h₂ : 0 < x := by\n  exact h₀\nnlinarith [h₁, h₂]",
                    sketches.get(2).tactic());
            assertTrue(a.proof().orElseThrow().proofText().contains("exact h₀"), a.proof().get().proofText());

            List<SketchHole> holes = store.attempts().holes(a.id());
            assertEquals(List.of(
                    new SketchHole(0, 0, BAD_HOLE, SketchHole.Status.FAILED, List.of(), holes.get(0).expansions(),
                            holes.get(0).detail()),
                    new SketchHole(1, 0, SQUARE_HOLE, SketchHole.Status.PROVED, List.of("positivity"), 1, "step search"),
                    new SketchHole(2, 0, SQUARE_HOLE, SketchHole.Status.CACHED, List.of("positivity"), 0,
                            "solved earlier in this run"),
                    new SketchHole(2, 1, POSITIVE_HOLE, SketchHole.Status.PROVED, List.of("exact h₀"), 1, "step search")),
                    holes);
            assertTrue(holes.get(0).detail().startsWith("FRONTIER_EXHAUSTED"), holes.get(0).detail());
        }
        String name;
        try (Store store = store()) {
            name = store.runs().list().get(0).run().name();
        }
        var shown = new CliHarness(dir).run("runs", "show", name);
        assertEquals(0, shown.exitCode(), shown.err());
        assertTrue(shown.out().contains("| mode | sketch (planner sim-model, up to 4 sketches per attempt) |"), shown.out());
        assertTrue(shown.out().contains("sketches: 3 sketches; holes: 2 proved, 1 from the cache, 1 failed"), shown.out());
    }

    @Test
    void mixedModeTriesTheSketchFirstThenTheStepSearchRecordingEachAttemptsMode() throws Exception {
        // TinyWorld holds no sketch: the planner writes no code, so the sketch attempt fails and the step search proves it.
        var r = prove(TinyWorld.world(), "sketch,step", "--set", "planner.sketches=2");
        assertEquals(0, r.exitCode(), r.out() + r.err());
        try (Store store = store()) {
            Run run = store.runs().list().get(0).run();
            List<Attempt> attempts = store.attempts().forRun(run.id());
            assertEquals(2, attempts.size(), attempts.toString());
            assertEquals(AttemptMode.SKETCH, attempts.get(0).mode());
            assertEquals(0, attempts.get(0).index());
            assertTrue(attempts.get(0).proof().isEmpty());
            assertEquals(2, attempts.get(0).samples());
            store.attempts().tree(attempts.get(0).id()).edges()
                    .forEach(e -> assertEquals(EdgeKind.FILTERED, e.kind(), e.toString()));
            assertEquals(AttemptMode.STEP, attempts.get(1).mode());
            assertEquals(1, attempts.get(1).index());
            assertTrue(attempts.get(1).proof().isPresent());
            String shown = new CliHarness(dir).run("runs", "show", run.name()).out();
            assertTrue(shown.contains("| mode | sketch (planner sim-model, up to 2 sketches per attempt), then step |"), shown);
            assertTrue(shown.contains("sketches: 2 sketches; holes: none"), shown);
        }
        // The other order stops at the first proof: the step search proves it and no sketch is asked for.
        var stepFirst = prove(TinyWorld.world(), "step,sketch", "--name", "step-first");
        assertEquals(0, stepFirst.exitCode(), stepFirst.out() + stepFirst.err());
        try (Store store = store()) {
            Run run = store.runs().findByName("step-first").orElseThrow();
            List<Attempt> attempts = store.attempts().forRun(run.id());
            assertEquals(1, attempts.size());
            assertEquals(AttemptMode.STEP, attempts.get(0).mode());
        }
    }
}
