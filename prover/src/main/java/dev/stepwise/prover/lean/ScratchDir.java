package dev.stepwise.prover.lean;

import dev.stepwise.search.files.FileTree;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A scratch directory for the REPLs of one pool, made when the pool is and removed with what the
 * REPLs left in it when the pool has stopped, so that every prove, eval or check leaves nothing
 * behind in the temp directory.
 */
public final class ScratchDir implements AutoCloseable {
    private static final String PREFIX = "stepwise-repl-";

    private final Path path;
    private final AtomicBoolean closed = new AtomicBoolean();

    private ScratchDir(Path path) {
        this.path = path;
    }

    /** @param parent where to make it; null for the system temp directory */
    static ScratchDir create(Path parent) {
        try {
            if (parent == null) {
                return new ScratchDir(Files.createTempDirectory(PREFIX));
            }
            Files.createDirectories(parent);
            return new ScratchDir(Files.createTempDirectory(parent, PREFIX));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a scratch directory for the REPLs"
                    + (parent == null ? "" : " in " + parent + " (lean.scratch-dir)"), e);
        }
    }

    public Path path() {
        return path;
    }

    /** Removes the directory and everything in it; only the first call does anything. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true) || !Files.exists(path)) {
            return;
        }
        try {
            FileTree.delete(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the REPLs' scratch directory " + path, e);
        }
    }
}
