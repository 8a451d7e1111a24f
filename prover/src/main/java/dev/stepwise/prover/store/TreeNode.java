package dev.stepwise.prover.store;

import java.time.Duration;
import java.util.Objects;

/**
 * A node of a recorded search tree: a proof state. Its index is its position in
 * {@link SearchTreeRecord#nodes()}; the root is node 0. Fields documented "or null" were not
 * recorded (trees written by hand, or by a search that does not measure them).
 *
 * @param goals the pretty-printed goals (stored once per distinct text across the database)
 * @param goalCount how many goals the state has, or null
 * @param depth tactics from the root along the path that first reached it
 * @param priority the frontier priority it had, or null
 * @param distanceToProof tactics on the shortest known proof from here; null unless proved
 * @param expansionOrder at which step the search expanded it (0 = first), or null if never
 * @param policyTime how long the policy took to answer for its expansion, or null (stored to the microsecond)
 */
public record TreeNode(String goals, Integer goalCount, NodeStatus status, int depth, Double priority,
        Integer distanceToProof, Integer expansionOrder, Duration policyTime) {
    public TreeNode {
        Objects.requireNonNull(goals, "goals");
        Objects.requireNonNull(status, "status");
        if (depth < 0) {
            throw new IllegalArgumentException("depth must be >= 0, got " + depth);
        }
        if (goalCount != null && goalCount < 0) {
            throw new IllegalArgumentException("goalCount must be >= 0, got " + goalCount);
        }
        if (expansionOrder != null && expansionOrder < 0) {
            throw new IllegalArgumentException("expansionOrder must be >= 0, got " + expansionOrder);
        }
        if (distanceToProof != null && (distanceToProof < 1 || status != NodeStatus.PROVED)) {
            throw new IllegalArgumentException("distanceToProof " + distanceToProof + " does not fit status " + status);
        }
        if (priority != null && priority.isNaN()) {
            throw new IllegalArgumentException("priority must be a number");
        }
        if (policyTime != null && policyTime.isNegative()) {
            throw new IllegalArgumentException("policyTime is negative: " + policyTime);
        }
    }

    /** A node with only what every tree has: goals, status, depth and when it was expanded. */
    public TreeNode(String goals, NodeStatus status, int depth, Integer expansionOrder) {
        this(goals, null, status, depth, null, null, expansionOrder, null);
    }
}
