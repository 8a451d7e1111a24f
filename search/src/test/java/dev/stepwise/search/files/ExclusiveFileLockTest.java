package dev.stepwise.search.files;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExclusiveFileLockTest {
    @TempDir
    Path dir;

    @Test
    void aHeldLockIsRefusedUntilItIsReleased() throws IOException {
        Path file = dir.resolve("sub/x.lock");
        try (ExclusiveFileLock held = ExclusiveFileLock.tryAcquire(file).orElseThrow()) {
            assertTrue(Files.exists(file), "the file and its directory are created");
            assertTrue(ExclusiveFileLock.tryAcquire(file).isEmpty());
        }
        Optional<ExclusiveFileLock> again = ExclusiveFileLock.tryAcquire(file);
        assertTrue(again.isPresent());
        again.get().close();
    }

    @Test
    void theWaitingFormTakesAFreeLock() throws IOException {
        Path file = dir.resolve("y.lock");
        try (ExclusiveFileLock held = ExclusiveFileLock.acquire(file)) {
            assertTrue(ExclusiveFileLock.tryAcquire(file).isEmpty());
        }
        ExclusiveFileLock.tryAcquire(file).orElseThrow().close();
    }

    @Test
    void deletingATreeTakesEverythingAndAMissingOneIsNoError() throws IOException {
        Path root = dir.resolve("tree");
        Files.createDirectories(root.resolve("a/b"));
        Files.writeString(root.resolve("a/b/f.txt"), "x");
        Files.writeString(root.resolve("g.txt"), "y");
        FileTree.delete(root);
        assertFalse(Files.exists(root));
        FileTree.delete(root);
    }
}
