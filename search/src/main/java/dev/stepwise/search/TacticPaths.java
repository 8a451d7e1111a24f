package dev.stepwise.search;

import java.util.Arrays;
import java.util.List;

/**
 * The path from the root to a node along first in-edges: its tactics, as the policy and the
 * environment are given them, and its path score (the summed tactic scores, added from the root
 * down, which nodes do not store). A walk up a deep path reads one edge per level (each points
 * at the one above it, see {@link StateEdge#up}), scattered over the heap; consecutive expansions
 * of a best-first search are usually close in the tree, so the last path is kept and only the
 * part below the point where the two paths meet is walked. Not thread-safe: one search owns it.
 */
final class TacticPaths {
    private final ScoreMode scoreMode;
    /** {@code edges[d]}: the edge from depth d to depth d + 1 on the last path. */
    private StateEdge[] edges = new StateEdge[32];
    /** {@code tactics[d]}: the tactic of {@code edges[d]}. */
    private String[] tactics = new String[32];
    /** {@code scores[d]}: the path score of the node at depth d on the last path (0 at the root). */
    private double[] scores = new double[33];
    /** The depth of the node the last path led to; entries deeper than it are stale. */
    private int depth = 0;

    TacticPaths(ScoreMode scoreMode) {
        this.scoreMode = scoreMode;
    }

    /** The tactics from the root to {@code node}; {@link #pathScore()} then gives its path score. */
    List<String> pathTo(InternalNode node) {
        int target = node.depth;
        if (target >= edges.length) {
            int capacity = Math.max(target + 1, edges.length * 2);
            edges = Arrays.copyOf(edges, capacity);
            tactics = Arrays.copyOf(tactics, capacity);
            scores = Arrays.copyOf(scores, capacity + 1);
        }
        // Up from the node until an edge is the one the last path had at its level: everything
        // above it is shared, since a node's first in-edge never changes.
        int d = target;
        for (StateEdge e = node.firstIn; e != null && (d > depth || edges[d - 1] != e); e = e.up) {
            d--;
            edges[d] = e;
            tactics[d] = e.tactic;
        }
        for (int k = d; k < target; k++) {
            StateEdge e = edges[k];
            scores[k + 1] = scores[k] + scoreMode.score(e.logProbSum, e.tokenCount);
        }
        depth = target;
        return List.of(Arrays.copyOf(tactics, target));
    }

    /** The path score of the node given to the last {@link #pathTo} call. */
    double pathScore() {
        return scores[depth];
    }
}
