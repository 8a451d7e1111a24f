package dev.stepwise.search;

import java.util.Objects;

/**
 * One proof state of a recorded search tree. Its goal text is stored here once; edges refer to
 * nodes by id. Times are plain microseconds so the record serialises as plain numbers.
 *
 * @param id the node's index in {@link RecordedTree#nodes()}; 0 is the root
 * @param depth tactics from the root on the path by which the node was first reached
 * @param priority the frontier priority the node had (policy path score, combined with the critic's when used)
 * @param distanceToProof tactics on the shortest known proof from here, or {@link #UNPROVED}
 * @param expansionOrder when the node was expanded (0 = first), or {@link #NOT_EXPANDED}
 * @param policyMicros how long the policy took to answer for this node's expansion
 */
public record NodeRecord(int id, String goals, int goalCount, Status status, int depth, double priority,
        int distanceToProof, int expansionOrder, long policyMicros) {
    public static final int UNPROVED = -1;
    public static final int NOT_EXPANDED = -1;

    public NodeRecord {
        Objects.requireNonNull(goals, "goals");
        Objects.requireNonNull(status, "status");
        if (id < 0 || depth < 0 || goalCount < 0 || policyMicros < 0) {
            throw new IllegalArgumentException("node " + id + ": id, depth, goalCount and policyMicros must be >= 0");
        }
        if (Double.isNaN(priority)) {
            throw new IllegalArgumentException("node " + id + ": priority must be a number");
        }
        if ((status == Status.PROVED) != (distanceToProof != UNPROVED)) {
            throw new IllegalArgumentException("node " + id + ": distanceToProof " + distanceToProof
                    + " does not fit status " + status);
        }
    }

    public boolean expanded() {
        return expansionOrder != NOT_EXPANDED;
    }
}
