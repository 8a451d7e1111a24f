package dev.stepwise.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The recorded tree as the store, harvesting and the report read it: its proof edges and its checks. */
class RecordedTreeTest {

    private static NodeRecord node(int id, Status status, int depth, int distance) {
        return new NodeRecord(id, "⊢ " + id, 1, status, depth, 0, distance, NodeRecord.NOT_EXPANDED, 0);
    }

    private static EdgeRecord edge(int source, String tactic, EdgeKind kind, int target) {
        return new EdgeRecord(source, target, tactic, -1.0, 2, -0.5, kind, kind == EdgeKind.LEAN_ERROR ? "error" : "", 5);
    }

    @Test
    void theProofEdgesFollowTheDistancesAndTakeTheFirstEdgeThatLowersThem() {
        // a -> b -> c proves in three, d -> e in two; f merges the long proof's first state into the short one's.
        RecordedTree tree = new RecordedTree(
                List.of(node(0, Status.PROVED, 0, 2), node(1, Status.PROVED, 1, 2), node(2, Status.PROVED, 2, 1),
                        node(3, Status.PROVED, 1, 1)),
                List.of(edge(0, "a", EdgeKind.PROGRESS, 1), edge(0, "d", EdgeKind.PROGRESS, 3),
                        edge(1, "b", EdgeKind.PROGRESS, 2), edge(2, "c", EdgeKind.PROOF_COMPLETE, EdgeRecord.NO_NODE),
                        edge(1, "f", EdgeKind.PROGRESS, 3), edge(3, "e", EdgeKind.PROOF_COMPLETE, EdgeRecord.NO_NODE),
                        edge(0, "x", EdgeKind.LEAN_ERROR, EdgeRecord.NO_NODE)));
        assertEquals(List.of(1, 5), tree.proofEdges());
        assertEquals(List.of("d", "e"), tree.proofPath().stream().map(EdgeRecord::tactic).toList());
        RecordedTree open = new RecordedTree(List.of(node(0, Status.OPEN, 0, NodeRecord.UNPROVED)),
                List.of(edge(0, "x", EdgeKind.LEAN_ERROR, EdgeRecord.NO_NODE)));
        assertEquals(List.of(), open.proofEdges());
        assertEquals(List.of(), RecordedTree.empty().proofEdges());
    }

    @Test
    void aTreeMadeByHandIsCheckedAsTheStoreCheckedItsOwn() {
        IllegalArgumentException dangling = assertThrows(IllegalArgumentException.class, () -> new RecordedTree(
                List.of(node(0, Status.OPEN, 0, NodeRecord.UNPROVED)), List.of(edge(0, "trivial", EdgeKind.PROGRESS, 1))));
        assertEquals("edge 0 (trivial) refers to node 1 of 1", dangling.getMessage());
        IllegalArgumentException childless = assertThrows(IllegalArgumentException.class,
                () -> edge(0, "simp", EdgeKind.PROGRESS, EdgeRecord.NO_NODE));
        assertEquals("an edge has a target exactly when its kind is progress; got PROGRESS with target -1",
                childless.getMessage());
        IllegalArgumentException tokens = assertThrows(IllegalArgumentException.class, () -> new EdgeRecord(0,
                EdgeRecord.NO_NODE, "rfl", -0.1, 0, -0.1, EdgeKind.LEAN_ERROR, "", 0));
        assertEquals("edge 'rfl': source and environmentMicros must be >= 0 and tokenCount >= 1, got 0, 0 and 0",
                tokens.getMessage());
        IllegalStateException stuck = assertThrows(IllegalStateException.class, () -> new RecordedTree(
                List.of(node(0, Status.PROVED, 0, 1)), List.of(edge(0, "x", EdgeKind.LEAN_ERROR, EdgeRecord.NO_NODE)))
                .proofEdges());
        assertEquals("node 0 is proved at distance 1 but no edge continues its proof", stuck.getMessage());
    }
}
