package dev.stepwise.prover.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepwise.prover.sim.TinyWorld;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whole-proof settings that cannot run are refused in one line, exit 2, before Lean or a model is started. */
class WholeProofFlagsTest {
    @TempDir
    Path dir;

    private CliHarness.Result prove(String... more) throws Exception {
        Files.writeString(dir.resolve("t.lean"), TinyWorld.HEADER + TinyWorld.STATEMENT + "\n  sorry\n");
        String[] args = new String[more.length + 2];
        args[0] = "prove";
        args[1] = "t.lean";
        System.arraycopy(more, 0, args, 2, more.length);
        return new CliHarness(dir).run(args);
    }

    @Test
    void wholeProofModeWithoutAModelServerIsRefused() throws Exception {
        var r = prove("--whole-proof", "8");
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("search.mode=whole-proof needs a model server: set model.url"), r.err());
        assertEquals(1, r.err().lines().filter(l -> !l.isBlank()).count(), r.err());
    }

    @Test
    void revisionsOnACompletionTemplateAreRefused() throws Exception {
        var r = prove("--whole-proof", "8", "--revisions", "1", "--set", "model.url=http://127.0.0.1:9",
                "--set", "model.name=m", "--set", "model.whole-proof-template=deepseek-prover-v1.5");
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("search.revisions: revisions need a chat template"), r.err());
    }

    @Test
    void aNonPositiveSampleCountIsRefused() throws Exception {
        var r = prove("--whole-proof", "0");
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("--whole-proof: proofs per attempt must be >= 1, got 0"), r.err());
    }
}
