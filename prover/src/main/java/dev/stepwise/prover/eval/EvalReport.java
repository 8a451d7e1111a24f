package dev.stepwise.prover.eval;

import dev.stepwise.prover.store.Run;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A run as an invocation left it, as values: the stored run, what it was, one result per
 * problem (this invocation's and earlier ones') and the result files written for it. Nothing in
 * it holds the store, so it outlives the invocation's store and Lean processes.
 *
 * @param files the result files written, {@code results.jsonl} first; empty when the run writes none
 */
public record EvalReport(Run run, RunInfo info, List<ProblemResult> results, List<Path> files) {
    public EvalReport {
        Objects.requireNonNull(run, "run");
        Objects.requireNonNull(info, "info");
        results = List.copyOf(results);
        files = List.copyOf(files);
    }

    public RunSummary summary() {
        return RunSummary.of(results);
    }
}
