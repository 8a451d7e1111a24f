package dev.stepwise.prover.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.stepwise.prover.store.EdgeOutcome;
import dev.stepwise.prover.store.NodeStatus;
import dev.stepwise.prover.store.SearchTreeRecord;
import dev.stepwise.prover.store.TreeEdge;
import dev.stepwise.prover.store.TreeNode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The report highlights the proof the search extracted, not every edge between proved nodes. */
class ProofPathHighlightTest {

    private static TreeNode node(String goal, NodeStatus status, int depth, Integer distance) {
        return new TreeNode(goal, 1, status, depth, null, distance, null, null);
    }

    private static TreeEdge edge(int parent, String tactic, EdgeOutcome outcome, Integer child) {
        return new TreeEdge(parent, tactic, -1.0, 2, -1.0, outcome, outcome == EdgeOutcome.LEAN_ERROR ? "error" : null,
                Duration.ofMillis(5), child);
    }

    /**
     * Two proofs: a -> b -> c (three tactics) and d -> e (two), and a merge f from the long
     * proof's first state into the short proof's. Every node is proved.
     */
    static SearchTreeRecord twoProofs() {
        return new SearchTreeRecord(
                List.of(node("⊢ root", NodeStatus.PROVED, 0, 2), node("⊢ after a", NodeStatus.PROVED, 1, 2),
                        node("⊢ after b", NodeStatus.PROVED, 2, 1), node("⊢ after d", NodeStatus.PROVED, 1, 1)),
                List.of(edge(0, "a", EdgeOutcome.PROGRESS, 1), edge(0, "d", EdgeOutcome.PROGRESS, 3),
                        edge(1, "b", EdgeOutcome.PROGRESS, 2), edge(2, "c", EdgeOutcome.PROOF_COMPLETE, null),
                        edge(1, "f", EdgeOutcome.PROGRESS, 3), edge(3, "e", EdgeOutcome.PROOF_COMPLETE, null),
                        edge(0, "x", EdgeOutcome.LEAN_ERROR, null)));
    }

    @Test
    void onlyTheShorterOfTwoProofsIsHighlighted() {
        SearchTreeRecord tree = twoProofs();
        assertEquals(List.of(1, 5), tree.shortestProofEdges());
        List<String> highlighted = ReportLoader.tree(tree).edges().stream().filter(ReportData.Edge::onProof)
                .map(ReportData.Edge::tactic).toList();
        assertEquals(List.of("d", "e"), highlighted);
    }

    @Test
    void anUnprovedTreeOrOneWithoutDistancesHighlightsNothing() {
        SearchTreeRecord open = new SearchTreeRecord(List.of(node("⊢ root", NodeStatus.OPEN, 0, null)),
                List.of(edge(0, "x", EdgeOutcome.LEAN_ERROR, null)));
        assertEquals(List.of(), open.shortestProofEdges());
        assertEquals(List.of(), SearchTreeRecord.empty().shortestProofEdges());
        assertEquals(List.of(false), ReportLoader.tree(open).edges().stream().map(ReportData.Edge::onProof).toList());
    }
}
