package dev.stepwise.prover.bench;

import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * Runs one {@code stepwise} command line in this JVM, in a working directory of the benchmark's
 * own: the whole-command benchmarks ({@code bench eval}, {@code bench faults}) measure exactly
 * what a user's command does. The CLI hands this in, so the benchmarks do not depend on it.
 */
@FunctionalInterface
public interface InProcessCli {
    /** @return the command's exit code */
    int run(Path workDir, PrintWriter out, PrintWriter err, String... args);
}
