package dev.stepwise.prover.bench;

import java.io.PrintWriter;
import java.util.List;

/**
 * One benchmark. It prints its own readable table of measurements to {@code out} and returns its
 * figures; the runner prints the figures' summary and JSON lines after it.
 */
public interface Benchmark {

    /** The name used in {@code stepwise bench NAME} and in the JSON lines. */
    String name();

    List<BenchFigure> run(PrintWriter out);
}
