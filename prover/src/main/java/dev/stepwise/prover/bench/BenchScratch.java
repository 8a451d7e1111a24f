package dev.stepwise.prover.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

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
        try (Stream<Path> paths = Files.walk(path)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | UncheckedIOException e) {
            System.getLogger(BenchScratch.class.getName()).log(System.Logger.Level.WARNING,
                    "bench " + bench + ": cannot delete its scratch directory " + path + ": " + e.getMessage());
        }
    }
}
