package dev.stepwise.prover.store;

import java.util.Objects;

/**
 * A node of a recorded search tree: a proof state. Its index is its position in
 * {@link SearchTreeRecord#nodes()}; the root is node 0.
 *
 * @param goals the pretty-printed goals (stored once per distinct text across the database)
 * @param depth tactics from the root along the path that first reached it
 * @param expansionOrder at which step the search expanded it (0 = first), or null if never
 */
public record TreeNode(String goals, NodeStatus status, int depth, Integer expansionOrder) {
    public TreeNode {
        Objects.requireNonNull(goals, "goals");
        Objects.requireNonNull(status, "status");
        if (depth < 0) {
            throw new IllegalArgumentException("depth must be >= 0, got " + depth);
        }
        if (expansionOrder != null && expansionOrder < 0) {
            throw new IllegalArgumentException("expansionOrder must be >= 0, got " + expansionOrder);
        }
    }
}
