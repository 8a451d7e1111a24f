package dev.stepwise.prover.report;

import dev.stepwise.search.AttemptMode;
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
     * One problem: its statement, result, its attempts, and the recorded tree of the attempt that
     * is shown, as the search recorded it (empty when no attempt was recorded).
     *
     * @param shownMode how the shown attempt looked for its proof: a step search's tree is drawn,
     *     a whole-proof attempt's proofs are listed with their revision chains
     */
    public record ProblemPage(String header, String statement, ProblemResult result, RecordedTree tree,
            List<AttemptLine> attempts, AttemptMode shownMode) {
        /** A step search's page with no attempt lines. */
        public ProblemPage(String header, String statement, ProblemResult result, RecordedTree tree) {
            this(header, statement, result, tree, List.of(), AttemptMode.STEP);
        }

        public ProblemPage {
            Objects.requireNonNull(header, "header");
            Objects.requireNonNull(statement, "statement");
            Objects.requireNonNull(result, "result");
            Objects.requireNonNull(tree, "tree");
            Objects.requireNonNull(shownMode, "shownMode");
            attempts = List.copyOf(attempts);
        }
    }

    /**
     * One attempt as the problem page lists it.
     *
     * @param samples proofs sampled (whole-proof mode; 0 in step mode)
     * @param revisions revisions made of them from Lean's errors
     * @param outcome "proved", or the failure's reason
     */
    public record AttemptLine(int index, AttemptMode mode, int samples, int revisions, int expansions, String outcome) {
        public AttemptLine {
            Objects.requireNonNull(mode, "mode");
            Objects.requireNonNull(outcome, "outcome");
        }
    }
}
