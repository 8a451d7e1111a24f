package dev.stepwise.iteration;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The shortest proof in one attempt's tree: the edges from the root to a completed proof, and
 * which nodes lead to a proof at all.
 *
 * @param edges indexes into the tree's edges, root first; the last one completes the proof
 * @param proved for each node, whether some path from it reaches a completed proof
 */
record ProofPath(AttemptTree tree, List<Integer> edges, boolean[] proved) {

    /** The nodes the path passes through, root first (one per edge; the proof's end is no node). */
    List<Integer> nodes() {
        return edges.stream().map(e -> tree.edges().get(e).parent()).toList();
    }

    List<String> tactics() {
        return edges.stream().map(e -> tree.edges().get(e).tactic()).toList();
    }

    int length() {
        return edges.size();
    }

    /** The shortest path from the root to a completed proof, if the tree has one. */
    static Optional<ProofPath> shortest(AttemptTree tree) {
        int n = tree.nodes().size();
        if (n == 0) {
            return Optional.empty();
        }
        // Distances to a proof by relaxation: trees are small and may (after state dedup) hold cycles,
        // which rule out a single topological pass.
        int[] dist = new int[n];
        int[] via = new int[n];
        Arrays.fill(dist, Integer.MAX_VALUE);
        Arrays.fill(via, -1);
        List<AttemptTree.Edge> edges = tree.edges();
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int i = 0; i < edges.size(); i++) {
                AttemptTree.Edge e = edges.get(i);
                int d = switch (e.kind()) {
                    case PROOF_COMPLETE -> 1;
                    case PROGRESS -> dist[e.child()] == Integer.MAX_VALUE ? Integer.MAX_VALUE : dist[e.child()] + 1;
                    case LEAN_ERROR, TIMEOUT, REJECTED, CRASHED -> Integer.MAX_VALUE;
                };
                if (d < dist[e.parent()]) {
                    dist[e.parent()] = d;
                    via[e.parent()] = i;
                    changed = true;
                }
            }
        }
        boolean[] proved = new boolean[n];
        for (int i = 0; i < n; i++) {
            proved[i] = dist[i] != Integer.MAX_VALUE;
        }
        if (!proved[0]) {
            return Optional.empty();
        }
        List<Integer> path = new ArrayList<>();
        int node = 0;
        while (true) {
            int e = via[node];
            path.add(e);
            AttemptTree.Edge edge = edges.get(e);
            if (edge.kind() == EdgeKind.PROOF_COMPLETE) {
                break;
            }
            node = edge.child();
        }
        return Optional.of(new ProofPath(tree, List.copyOf(path), proved));
    }
}
