package dev.stepwise.prover.bench;

import dev.stepwise.search.files.FileTree;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A benchmark's temporary directory (its world, store, REPL scratch), removed with everything in
 * it when the benchmark ends. A directory that cannot be deleted is left behind with a warning
 * rather than failing a benchmark that ran.
 */
final class BenchScratch implements AutoCloseable {
    private final String bench;
    private final Path path;

    private BenchScratch(String bench, Path path) {
        this.bench = bench;
        this.path = path;
    }

    static BenchScratch create(String bench) {
        try {
            return new BenchScratch(bench, Files.createTempDirectory("stepwise-bench-" + bench + "-"));
        } catch (IOException e) {
            throw new UncheckedIOException("bench " + bench + ": cannot create a scratch directory", e);
        }
    }

    Path path() {
        return path;
    }

    @Override
    public void close() {
        try {
            FileTree.delete(path);
        } catch (IOException | UncheckedIOException e) {
            System.getLogger(BenchScratch.class.getName()).log(System.Logger.Level.WARNING,
                    "bench " + bench + ": cannot delete its scratch directory " + path + ": " + e.getMessage());
        }
    }
}
