package dev.stepwise.lean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** REPL versions: what each tag speaks, and which version a Lake project runs. */
class ReplVersionTest {
    @TempDir
    Path dir;

    private static ReplVersion v(String text) {
        return ReplVersion.parse(text);
    }

    @Test
    void releaseCandidatesOrderBeforeTheirRelease() {
        List<ReplVersion> sorted = List.of(v("v4.28.0"), v("v4.9.0"), v("v4.28.0-rc1"), v("v4.10.0-rc1"), v("v4.10.0"),
                v("v4.9.0-rc1")).stream().sorted().toList();
        assertEquals("[v4.9.0-rc1, v4.9.0, v4.10.0-rc1, v4.10.0, v4.28.0-rc1, v4.28.0]", sorted.toString());
        assertEquals("v4.33.0-rc2", v("4.33.0-rc2").toString());
        assertThrows(IllegalArgumentException.class, () -> v("v4.24"));
        assertThrows(IllegalArgumentException.class, () -> v("leanprover/lean4:v4.24.0"));
        assertEquals(Optional.of(v("v4.24.0")), ReplVersion.find("leanprover/lean4:v4.24.0"));
    }

    @Test
    void eachTagSpeaksItsDialect() {
        // proofStatus: repl PR #63, first in tag v4.19.0 (not v4.19.0-rc2)
        assertFalse(v("v4.9.0").reportsProofStatus());
        assertFalse(v("v4.19.0-rc2").reportsProofStatus());
        assertTrue(v("v4.19.0").reportsProofStatus());
        // flush after each response: repl commit 4fc1e6d, first in tag v4.10.0 (not v4.10.0-rc1)
        assertFalse(v("v4.9.0").flushesEachResponse());
        assertFalse(v("v4.10.0-rc1").flushesEachResponse());
        assertTrue(v("v4.10.0").flushesEachResponse());
        // sorry warning: lean4 PR #11608, first in v4.28.0-rc1
        assertEquals("declaration uses 'sorry'", v("v4.27.0").sorryWarning());
        assertEquals("declaration uses `sorry`", v("v4.28.0-rc1").sorryWarning());
        assertTrue(ReplCodec.isSorryWarning(v("v4.9.0").sorryWarning()));
        assertTrue(ReplCodec.isSorryWarning(v("v4.33.0-rc2").sorryWarning()));
    }

    @Test
    void theProjectsReplVersionComesFromTheManifestThenTheLakefileThenTheToolchain() throws Exception {
        LeanProject project = new LeanProject(dir);
        assertEquals(Optional.empty(), project.replVersion());
        Files.writeString(dir.resolve("lean-toolchain"), "leanprover/lean4:v4.9.0-rc1\n");
        assertEquals(Optional.of(new LeanProject.ReplRelease(v("v4.9.0-rc1"), "lean-toolchain")), project.replVersion());
        Files.writeString(dir.resolve("lakefile.toml"), """
                name = "StepwiseLean"

                [[require]]
                name = "mathlib"
                git = "https://github.com/leanprover-community/mathlib4"
                rev = "v4.9.0"

                [[require]]
                name = "REPL"
                git = "https://github.com/leanprover-community/repl"
                rev = "v4.19.0"

                [[lean_lib]]
                name = "StepwiseLean"
                """);
        assertEquals(Optional.of(new LeanProject.ReplRelease(v("v4.19.0"), "lakefile.toml")), project.replVersion());
        Files.writeString(dir.resolve("lake-manifest.json"), """
                {"version": "1.1.0", "packages": [
                  {"type": "git", "name": "mathlib", "rev": "f897ebcf", "inputRev": "v4.24.0"},
                  {"type": "git", "name": "REPL", "rev": "8fff855", "inputRev": "v4.24.0"}]}
                """);
        assertEquals(Optional.of(new LeanProject.ReplRelease(v("v4.24.0"), "lake-manifest.json")), project.replVersion());
    }

    @Test
    void anOldReplWithoutTheFlushFixCannotServe() throws Exception {
        Files.writeString(dir.resolve("lean-toolchain"), "leanprover/lean4:v4.9.0\n");
        LeanProject project = new LeanProject(dir);
        assertEquals(Optional.empty(), project.replUnusableReason(), "no REPL source yet: nothing to judge");
        Path main = dir.resolve(".lake/packages/REPL/REPL/Main.lean");
        Files.createDirectories(main.getParent());
        Files.writeString(main, "  IO.println \"\" -- easier to parse the output if there are blank lines\n");
        assertEquals(Optional.of("the REPL v4.9.0 does not flush its output after each response (tags before v4.10.0),"
                + " so every answer would wait in a buffer; run 'make lean LEAN_VERSION=v4.9.0' again, which applies"
                + " the REPL's flush fix (commit 4fc1e6d)"), project.replUnusableReason());
        Files.writeString(main, "  out.flush -- Flush the output\n");
        assertEquals(Optional.empty(), project.replUnusableReason());
    }
}
