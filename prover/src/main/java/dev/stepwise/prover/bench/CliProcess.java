package dev.stepwise.prover.bench;

import java.util.List;

/**
 * The command line that runs {@code stepwise} with some arguments in a JVM of its own, as the
 * launcher ({@code bin/stepwise}) starts it: {@code bench scale} starts its workers so, as users
 * start them on their hosts. The CLI hands this in, so the benchmarks do not depend on it.
 */
@FunctionalInterface
public interface CliProcess {
    List<String> command(List<String> args);
}
