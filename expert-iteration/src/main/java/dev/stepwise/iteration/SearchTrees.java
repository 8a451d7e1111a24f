package dev.stepwise.iteration;

import dev.stepwise.search.EdgeRecord;
import dev.stepwise.search.NodeRecord;
import dev.stepwise.search.RecordedTree;
import dev.stepwise.search.SearchResult;
import dev.stepwise.search.TheoremResult;
import java.util.List;

/**
 * The search's results as harvesting reads them. The search accepts a proof before it records
 * the closing edge as complete, so an attempt with a proof is an accepted one; a closing edge the
 * acceptance check refused makes the attempt rejected.
 */
public final class SearchTrees {
    private SearchTrees() {
    }

    /** Every attempt of a theorem, named {@code THEOREM#ATTEMPT}. */
    public static SearchedProblem problem(TheoremResult result, Difficulty difficulty) {
        List<AttemptTree> attempts = result.attempts().stream()
                .map(a -> attempt(result.theorem().name() + "#" + a.attempt(), a.result()))
                .toList();
        return new SearchedProblem(result.theorem(), difficulty, attempts);
    }

    public static AttemptTree attempt(String name, SearchResult result) {
        RecordedTree tree = result.tree();
        boolean rejected = tree.edges().stream().anyMatch(e -> e.kind() == dev.stepwise.search.EdgeKind.PROOF_REJECTED);
        Verdict verdict = result.proved() ? Verdict.ACCEPTED : rejected ? Verdict.REJECTED : Verdict.NO_PROOF;
        List<AttemptTree.Node> nodes = tree.nodes().stream().map(NodeRecord::goals).map(AttemptTree.Node::new).toList();
        List<AttemptTree.Edge> edges = tree.edges().stream().map(SearchTrees::edge).toList();
        return new AttemptTree(name, verdict, nodes, edges);
    }

    private static AttemptTree.Edge edge(EdgeRecord e) {
        EdgeKind kind = kind(e.kind());
        return new AttemptTree.Edge(e.source(), e.tactic(), Math.min(0.0, e.logProbSum()), Math.max(1, e.tokenCount()), kind,
                e.message().isEmpty() ? null : e.message(), kind == EdgeKind.PROGRESS ? e.target() : null);
    }

    /**
     * What harvesting makes of a search edge's kind. Only Lean refusing a tactic (an error, a
     * timeout, a crash) makes a failed sibling for a DPO pair; a tactic refused before Lean, a
     * proof the gate rejected, a filtered candidate and a cycle all become {@link EdgeKind#REJECTED}.
     */
    public static EdgeKind kind(dev.stepwise.search.EdgeKind kind) {
        return switch (kind) {
            case PROGRESS -> EdgeKind.PROGRESS;
            case PROOF_COMPLETE -> EdgeKind.PROOF_COMPLETE;
            case LEAN_ERROR -> EdgeKind.LEAN_ERROR;
            case TIMEOUT -> EdgeKind.TIMEOUT;
            case CRASHED -> EdgeKind.CRASHED;
            case REJECTED, PROOF_REJECTED, FILTERED, CYCLE -> EdgeKind.REJECTED;
        };
    }
}
