package dev.stepwise.prover.lean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScratchDirTest {

    @Test
    void isMadeInItsParentAndRemovedWithWhatTheReplsLeftInIt(@TempDir Path dir) throws Exception {
        Path parent = dir.resolve("not-yet").resolve("scratch");
        ScratchDir scratch = ScratchDir.create(parent);
        assertEquals(parent, scratch.path().getParent());
        assertTrue(scratch.path().getFileName().toString().startsWith("stepwise-repl-"));
        Files.createDirectories(scratch.path().resolve("a/b"));
        Files.writeString(scratch.path().resolve("a/b/out.olean"), "x");
        scratch.close();
        assertFalse(Files.exists(scratch.path()));
        scratch.close();
        try (var left = Files.list(parent)) {
            assertEquals(List.of(), left.toList());
        }
    }

    @Test
    void withoutAParentItIsInTheSystemTempDirectory() {
        Path path;
        try (ScratchDir scratch = ScratchDir.create(null)) {
            path = scratch.path();
            assertEquals(Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath().normalize(),
                    path.getParent().toAbsolutePath().normalize());
            assertTrue(Files.isDirectory(path));
        }
        assertFalse(Files.exists(path));
    }
}
