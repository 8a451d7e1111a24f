package dev.stepwise.search;

import java.util.Arrays;
import java.util.List;

/**
 * The path from the root to a node along first in-edges: its tactics, as the policy and the
 * environment are given them, and its path score (the summed tactic scores, added from the root
 * down, which nodes do not store). A walk up a deep path reads a node and an edge per level,
 * scattered over the heap; consecutive expansions of a best-first search are usually close in the
 * tree, so the last path is kept and only the part below the point where the two paths meet is
 * walked. Not thread-safe: one search owns it.
 */
final class TacticPaths {
    private final ScoreMode scoreMode;
    /** {@code nodes[d]}: the node at depth d on the last path, for d up to {@link #depth}. */
    private InternalNode[] nodes = new InternalNode[32];
    /** {@code tactics[d]}: the tactic leading from depth d to depth d + 1 on the last path. */
    private String[] tactics = new String[32];
    /** {@code scores[d]}: the path score of {@code nodes[d]}. */
    private double[] scores = new double[32];
    /** The depth of the node the last path led to; entries deeper than it are stale. */
    private int depth = -1;

    TacticPaths(ScoreMode scoreMode) {
        this.scoreMode = scoreMode;
    }

    /** The tactics from the root to {@code node}; {@link #pathScore()} then gives its path score. */
    List<String> pathTo(InternalNode node) {
        int target = node.depth;
        if (target >= nodes.length) {
            int capacity = Math.max(target + 1, nodes.length * 2);
            nodes = Arrays.copyOf(nodes, capacity);
            tactics = Arrays.copyOf(tactics, capacity);
            scores = Arrays.copyOf(scores, capacity);
        }
        InternalNode n = node;
        while (n.depth > 0 && (n.depth > depth || nodes[n.depth] != n)) {
            nodes[n.depth] = n;
            Edge in = n.firstIn;
            tactics[n.depth - 1] = in.tactic;
            n = in.source;
        }
        int join = n.depth;
        nodes[join] = n;
        if (join == 0) {
            scores[0] = 0.0;
        }
        for (int d = join; d < target; d++) {
            Edge in = nodes[d + 1].firstIn;
            scores[d + 1] = scores[d] + scoreMode.score(in.logProbSum, in.tokenCount);
        }
        depth = target;
        return List.of(Arrays.copyOf(tactics, target));
    }

    /** The path score of the node given to the last {@link #pathTo} call. */
    double pathScore() {
        return scores[depth];
    }
}
