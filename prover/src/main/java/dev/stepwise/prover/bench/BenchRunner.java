package dev.stepwise.prover.bench;

import dev.stepwise.prover.exit.ExitCode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs benchmarks one after another, then prints every figure as a table row and, last, as one
 * JSON line each. The exit code is {@link ExitCode#NO} when any figure misses its target.
 */
public final class BenchRunner {
    private final PrintWriter out;

    public BenchRunner(PrintWriter out) {
        this.out = out;
    }

    public ExitCode run(List<Benchmark> benchmarks) {
        List<BenchFigure> figures = new ArrayList<>();
        for (Benchmark b : benchmarks) {
            out.println("== bench " + b.name());
            figures.addAll(b.run(out));
            out.println();
            out.flush();
        }
        printSummary(figures);
        for (BenchFigure f : figures) {
            out.println(f.toJsonLine());
        }
        out.flush();
        return figures.stream().allMatch(BenchFigure::ok) ? ExitCode.OK : ExitCode.NO;
    }

    private void printSummary(List<BenchFigure> figures) {
        int benchWidth = Math.max(5, figures.stream().mapToInt(f -> f.bench().length()).max().orElse(0));
        int figureWidth = Math.max(6, figures.stream().mapToInt(f -> f.figure().length()).max().orElse(0));
        String row = "%-" + benchWidth + "s  %-" + figureWidth + "s  %12s  %-12s  %s%n";
        out.printf(row, "bench", "figure", "value", "target", "ok");
        for (BenchFigure f : figures) {
            out.printf(row, f.bench(), f.figure(), f.valueText(), f.target().text(), f.ok() ? "yes" : "NO");
        }
    }
}
