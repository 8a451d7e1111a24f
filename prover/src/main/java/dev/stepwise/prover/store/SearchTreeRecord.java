package dev.stepwise.prover.store;

import java.util.List;

/**
 * The whole recorded search of one attempt: every node and every tactic tried, failed ones
 * included (DPO pairs and the report need them). Indexes are positions in the lists; node 0 is
 * the root. An attempt whose theorem could not even be started has an empty tree.
 */
public record SearchTreeRecord(List<TreeNode> nodes, List<TreeEdge> edges) {
    public SearchTreeRecord {
        nodes = List.copyOf(nodes);
        edges = List.copyOf(edges);
        for (int i = 0; i < edges.size(); i++) {
            TreeEdge e = edges.get(i);
            if (e.parent() >= nodes.size() || (e.child() != null && e.child() >= nodes.size())) {
                throw new IllegalArgumentException("edge " + i + " (" + e.tactic() + ") refers to node "
                        + Math.max(e.parent(), e.child() == null ? -1 : e.child()) + " of " + nodes.size());
            }
        }
    }

    public static SearchTreeRecord empty() {
        return new SearchTreeRecord(List.of(), List.of());
    }
}
