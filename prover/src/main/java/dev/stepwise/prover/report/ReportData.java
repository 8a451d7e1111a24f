package dev.stepwise.prover.report;

import dev.stepwise.prover.eval.ProblemResult;
import dev.stepwise.prover.eval.RunInfo;
import dev.stepwise.search.RecordedTree;
import java.util.List;
import java.util.Objects;

/** Everything a report shows, read from the store; the renderer does no I/O but writing files. */
public record ReportData(RunInfo info, List<ProblemPage> problems) {

    public ReportData {
        Objects.requireNonNull(info, "info");
        problems = List.copyOf(problems);
    }

    /**
     * One problem: its statement, result and the search tree of the attempt that is shown, as the
     * search recorded it (empty when no attempt was recorded).
     */
    public record ProblemPage(String header, String statement, ProblemResult result, RecordedTree tree) {
        public ProblemPage {
            Objects.requireNonNull(header, "header");
            Objects.requireNonNull(statement, "statement");
            Objects.requireNonNull(result, "result");
            Objects.requireNonNull(tree, "tree");
        }
    }
}
