package dev.stepwise.prover.store;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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

    /**
     * The edge indexes of the shortest proof from the root, in order, read off the nodes' distances
     * to proof as the search extracts its proof: at each node, the first edge in recorded order
     * that brings the distance down by one (a completed proof counts as distance 0). Empty when
     * the root is not proved or the tree has no distances (written by hand).
     */
    public List<Integer> shortestProofEdges() {
        if (nodes.isEmpty() || nodes.getFirst().distanceToProof() == null) {
            return List.of();
        }
        Map<Integer, List<Integer>> out = new HashMap<>();
        for (int i = 0; i < edges.size(); i++) {
            out.computeIfAbsent(edges.get(i).parent(), k -> new ArrayList<>()).add(i);
        }
        List<Integer> path = new ArrayList<>();
        int at = 0;
        // Distances fall by one per edge, so the walk ends after at most the root's distance steps.
        while (true) {
            int distance = nodes.get(at).distanceToProof();
            Integer next = null;
            for (int i : out.getOrDefault(at, List.of())) {
                if (distanceAfter(edges.get(i)) == distance - 1) {
                    next = i;
                    break;
                }
            }
            if (next == null) {
                throw new IllegalStateException("node " + at + " is proved at distance " + distance + " but no edge continues its proof");
            }
            path.add(next);
            if (edges.get(next).outcome() == EdgeOutcome.PROOF_COMPLETE) {
                return List.copyOf(path);
            }
            at = edges.get(next).child();
        }
    }

    /** Distance to proof where an edge leads: 0 for a completed proof, the child's when it is proved, else none (-1). */
    private int distanceAfter(TreeEdge e) {
        return switch (e.outcome()) {
            case PROOF_COMPLETE -> 0;
            case PROGRESS -> {
                Integer d = nodes.get(e.child()).distanceToProof();
                yield d == null ? -1 : d;
            }
            default -> -1;
        };
    }

    public static SearchTreeRecord empty() {
        return new SearchTreeRecord(List.of(), List.of());
    }
}
