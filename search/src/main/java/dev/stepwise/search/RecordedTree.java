package dev.stepwise.search;

import java.util.ArrayList;
import java.util.List;

/**
 * The whole search tree of one attempt as an immutable value of plain records, lists, strings and
 * numbers: the one tree type of Stepwise. The store writes and reads it as it is, harvesting reads
 * it as it is (failed siblings for DPO pairs, proof paths for critic pairs) and the report draws it
 * as it is; nothing converts it into another shape. Nodes are listed by id; edges grouped by source
 * in the order they were tried. A search's own tree keeps its records in columns, one array per
 * field; its lists behave like any other immutable list, and equal trees are equal however they
 * are held (a tree read back from the store equals the one the search returned).
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
        for (int i = 0; i < edges.size(); i++) {
            EdgeRecord e = edges.get(i);
            if (e.source() >= nodes.size() || e.target() >= nodes.size() || e.target() < EdgeRecord.NO_NODE) {
                throw new IllegalArgumentException("edge " + i + " (" + e.tactic() + ") refers to node "
                        + Math.max(e.source(), e.target()) + " of " + nodes.size());
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
        return proofEdges().stream().map(edges::get).toList();
    }

    /**
     * The positions in {@link #edges()} of the shortest proof from the root, read off the nodes'
     * distances to proof as the search extracts its proof: at each node, the first edge in
     * recorded order that brings the distance down by one (a completed proof counts as distance 0).
     * Empty when the root is not proved. The report highlights these edges and no other.
     */
    public List<Integer> proofEdges() {
        if (nodes.isEmpty() || nodes.get(0).status() != Status.PROVED) {
            return List.of();
        }
        List<List<Integer>> out = new ArrayList<>(nodes.size());
        for (int i = 0; i < nodes.size(); i++) {
            out.add(new ArrayList<>());
        }
        for (int i = 0; i < edges.size(); i++) {
            out.get(edges.get(i).source()).add(i);
        }
        List<Integer> path = new ArrayList<>();
        int at = 0;
        // Distances fall by one per edge, so the walk ends after at most the root's distance steps.
        while (true) {
            int want = nodes.get(at).distanceToProof() - 1;
            EdgeRecord next = null;
            for (int i : out.get(at)) {
                EdgeRecord e = edges.get(i);
                if (e.kind() == EdgeKind.PROOF_COMPLETE && want == 0
                        || e.kind() == EdgeKind.PROGRESS && nodes.get(e.target()).distanceToProof() == want) {
                    next = e;
                    path.add(i);
                    break;
                }
            }
            if (next == null) {
                throw new IllegalStateException("node " + at + " is proved at distance " + (want + 1)
                        + " but no edge continues its proof");
            }
            if (next.kind() == EdgeKind.PROOF_COMPLETE) {
                return List.copyOf(path);
            }
            at = next.target();
        }
    }
}
