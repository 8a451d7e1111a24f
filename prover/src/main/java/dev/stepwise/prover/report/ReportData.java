package dev.stepwise.prover.report;

import dev.stepwise.prover.eval.ProblemResult;
import dev.stepwise.prover.eval.RunInfo;
import java.util.List;
import java.util.Objects;

/** Everything a report shows, read from the store; the renderer does no I/O but writing files. */
public record ReportData(RunInfo info, List<ProblemPage> problems) {

    public ReportData {
        Objects.requireNonNull(info, "info");
        problems = List.copyOf(problems);
    }

    /** One problem: its statement, result and the search tree of the attempt that is shown. */
    public record ProblemPage(String header, String statement, ProblemResult result, Tree tree) {
        public ProblemPage {
            Objects.requireNonNull(header, "header");
            Objects.requireNonNull(statement, "statement");
            Objects.requireNonNull(result, "result");
            Objects.requireNonNull(tree, "tree");
        }
    }

    /** A search tree (a DAG) as drawn: node 0 is the root. */
    public record Tree(List<Node> nodes, List<Edge> edges) {
        public Tree {
            nodes = List.copyOf(nodes);
            edges = List.copyOf(edges);
        }

        public static Tree empty() {
            return new Tree(List.of(), List.of());
        }
    }

    /** A proof state; {@code status} is proved, failed or open. */
    public record Node(int id, String goals, String status) {
    }

    /**
     * A tactic applied to node {@code from}; {@code to} is the child node or -1 for a terminal
     * outcome (proof complete, Lean error, timeout, rejected, crash).
     */
    public record Edge(int from, int to, String tactic, double score, String outcome, String error, boolean onProof) {
    }
}
