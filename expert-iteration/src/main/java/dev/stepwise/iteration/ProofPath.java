package dev.stepwise.iteration;

import dev.stepwise.search.EdgeKind;
import dev.stepwise.search.EdgeRecord;
import dev.stepwise.search.RecordedTree;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The shortest proof in one attempt's tree: the edges from the root to a completed proof, and
 * which nodes lead to a proof at all. Found from the edges alone, not the recorded distances, so a
 * tree made by hand (with no distances) harvests like a searched one.
 *
 * @param edges indexes into the tree's edges, root first; the last one completes the proof
 * @param proved for each node, whether some path from it reaches a completed proof
 */
record ProofPath(SearchedAttempt attempt, List<Integer> edges, boolean[] proved) {

    /** The nodes the path passes through, root first (one per edge; the proof's end is no node). */
    List<Integer> nodes() {
        return edges.stream().map(e -> attempt.tree().edges().get(e).source()).toList();
    }

    List<String> tactics() {
        return edges.stream().map(e -> attempt.tree().edges().get(e).tactic()).toList();
    }

    int length() {
        return edges.size();
    }

    /** The shortest path from the root to a completed proof, if the tree has one. */
    static Optional<ProofPath> shortest(SearchedAttempt attempt) {
        RecordedTree tree = attempt.tree();
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
        List<EdgeRecord> edges = tree.edges();
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int i = 0; i < edges.size(); i++) {
                EdgeRecord e = edges.get(i);
                int d = switch (e.kind()) {
                    case PROOF_COMPLETE -> 1;
                    case PROGRESS -> dist[e.target()] == Integer.MAX_VALUE ? Integer.MAX_VALUE : dist[e.target()] + 1;
                    case PROOF_REJECTED, LEAN_ERROR, TIMEOUT, REJECTED, CRASHED, FILTERED, CYCLE -> Integer.MAX_VALUE;
                };
                if (d < dist[e.source()]) {
                    dist[e.source()] = d;
                    via[e.source()] = i;
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
            EdgeRecord edge = edges.get(e);
            if (edge.kind() == EdgeKind.PROOF_COMPLETE) {
                break;
            }
            node = edge.target();
        }
        return Optional.of(new ProofPath(attempt, List.copyOf(path), proved));
    }
}
