package dev.stepwise.prover.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepwise.prover.sim.TinyWorld;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sketch and mixed mode refused before Lean starts when what they need is not configured. */
class SketchModeConfigTest {
    @TempDir
    Path dir;

    @Test
    void sketchModeWithoutAPlannerIsAConfigurationError() throws Exception {
        Files.writeString(dir.resolve("t.lean"), TinyWorld.HEADER + TinyWorld.STATEMENT + "\n  sorry\n");
        var r = new CliHarness(dir).run("prove", "t.lean", "--set", "search.mode=sketch,step");
        assertEquals(2, r.exitCode(), r.out() + r.err());
        assertTrue(r.err().contains("search.mode=sketch needs a planner: set planner.url"), r.err());
    }

    @Test
    void aModeNamedTwiceOrUnknownIsRefused() throws Exception {
        Files.writeString(dir.resolve("t.lean"), TinyWorld.HEADER + TinyWorld.STATEMENT + "\n  sorry\n");
        var twice = new CliHarness(dir).run("prove", "t.lean", "--set", "search.mode=step,step");
        assertEquals(2, twice.exitCode(), twice.out() + twice.err());
        assertTrue(twice.err().contains("search.mode"), twice.err());
        var unknown = new CliHarness(dir).run("prove", "t.lean", "--set", "search.mode=sketch,plan");
        assertEquals(2, unknown.exitCode(), unknown.out() + unknown.err());
        assertTrue(unknown.err().contains("step, whole-proof or sketch"), unknown.err());
    }
}
