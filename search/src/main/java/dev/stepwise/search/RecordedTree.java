package dev.stepwise.search;

import java.util.ArrayList;
import java.util.List;

/**
 * The whole search tree of one attempt as an immutable value of plain records, lists, strings and
 * numbers, for the store, reports and training data (failed siblings for DPO pairs, proof paths
 * for critic pairs). Nodes are listed by id; edges grouped by source in the order they were tried.
 * A search's own tree keeps its records in columns, one array per field; its lists behave like any
 * other immutable list, and equal trees are equal however they are held.
 */
public record RecordedTree(List<NodeRecord> nodes, List<EdgeRecord> edges) {
    public RecordedTree {
        // A search's own tree is immutable and consistent by construction (see SearchTree): taken as it is.
        if (!(nodes instanceof NodeColumns && edges instanceof EdgeColumns)) {
            nodes = List.copyOf(nodes);
            edges = List.copyOf(edges);
            check(nodes, edges);
        }
    }

    private static void check(List<NodeRecord> nodes, List<EdgeRecord> edges) {
        for (int i = 0; i < nodes.size(); i++) {
            if (nodes.get(i).id() != i) {
                throw new IllegalArgumentException("node at index " + i + " has id " + nodes.get(i).id());
            }
        }
        for (EdgeRecord e : edges) {
            if (e.source() < 0 || e.source() >= nodes.size() || e.target() >= nodes.size()) {
                throw new IllegalArgumentException("edge " + e.source() + " -> " + e.target()
                        + " refers to a node that is not in the tree of " + nodes.size());
            }
        }
    }

    public static RecordedTree empty() {
        return new RecordedTree(List.of(), List.of());
    }

    /** The edges tried at {@code node}, in the order they were tried. */
    public List<EdgeRecord> edgesFrom(int node) {
        return edges.stream().filter(e -> e.source() == node).toList();
    }

    /**
     * The edges of the shortest proof from the root, following distances; empty when the root is
     * not proved.
     */
    public List<EdgeRecord> proofPath() {
        if (nodes.isEmpty() || nodes.get(0).status() != Status.PROVED) {
            return List.of();
        }
        List<List<EdgeRecord>> out = new ArrayList<>(nodes.size());
        for (int i = 0; i < nodes.size(); i++) {
            out.add(new ArrayList<>());
        }
        for (EdgeRecord e : edges) {
            out.get(e.source()).add(e);
        }
        List<EdgeRecord> path = new ArrayList<>();
        int at = 0;
        while (true) {
            int want = nodes.get(at).distanceToProof() - 1;
            EdgeRecord next = null;
            for (EdgeRecord e : out.get(at)) {
                if (e.kind() == EdgeKind.PROOF_COMPLETE && want == 0
                        || e.kind() == EdgeKind.PROGRESS && nodes.get(e.target()).distanceToProof() == want) {
                    next = e;
                    break;
                }
            }
            if (next == null) {
                throw new IllegalStateException("node " + at + " is proved but no edge continues its proof");
            }
            path.add(next);
            if (next.kind() == EdgeKind.PROOF_COMPLETE) {
                return path;
            }
            at = next.target();
        }
    }
}
