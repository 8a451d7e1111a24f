package dev.stepwise.search;

import java.util.Arrays;

/**
 * A proof state in the live search DAG. Identity is the goal key: the tree holds one node per key.
 * Fields are laid out for size (a search may hold millions of nodes, and a node is 64 bytes):
 * status and distance in one int, in-edges as one field plus a rarely used array for merged paths,
 * no path score (it is summed along the path when needed, see {@link TacticPaths}), nothing about
 * the expansion (see {@link ExpansionLog}: most nodes are never expanded), and the key text shared
 * with the goal text when the goals are already normalised.
 */
final class InternalNode implements Node {
    /** {@link #proof} of a node that is neither proved nor failed. */
    private static final int OPEN_MARK = -1;
    /** {@link #proof} of a failed node. */
    private static final int FAILED_MARK = -2;

    final int id;
    /** The normalised goal text ({@link GoalKey#text()}); the same String as {@link #goals} when they are equal. */
    final String key;
    /** {@code key.hashCode()}, kept here (in what would be padding) so the index can rehash without reading the key text. */
    final int keyHash;
    final String goals;
    final int goalCount;
    final StateHandle handle;
    /** Tactics from the root on the path by which the node was first reached. */
    final int depth;
    double priority;
    /**
     * The status and the distance together, since a node is proved exactly when it has a
     * distance: the distance (>= 0) of a proved node, else {@link #OPEN_MARK} or {@link #FAILED_MARK}.
     */
    private int proof = OPEN_MARK;
    /** Null until expanded; set once. */
    Edge[] out;
    /** The edge by which the node was first reached (null for the root); it defines the node's path. */
    StateEdge firstIn;
    Edge[] moreIn;

    InternalNode(int id, String key, ProofState state, int depth) {
        this.id = id;
        this.key = key;
        this.keyHash = key.hashCode();
        this.goals = state.goals();
        this.goalCount = state.goalCount();
        this.handle = state.handle();
        this.depth = depth;
    }

    @Override
    public Status status() {
        return proof >= 0 ? Status.PROVED : proof == OPEN_MARK ? Status.OPEN : Status.FAILED;
    }

    @Override
    public int distanceToProof() {
        return proof >= 0 ? proof : UNPROVED;
    }

    /** Sets status and distance, which must agree: a distance exactly when proved. */
    void settle(Status status, int distance) {
        if ((status == Status.PROVED) != (distance != UNPROVED) || distance < 0) {
            throw new IllegalStateException("node " + id + " cannot be " + status + " at distance " + distance);
        }
        proof = switch (status) {
            case PROVED -> distance;
            case OPEN -> OPEN_MARK;
            case FAILED -> FAILED_MARK;
        };
    }

    boolean expanded() {
        return out != null;
    }

    ProofState state() {
        return new ProofState(handle, goals, goalCount);
    }

    void expand(Edge[] edges) {
        if (out != null) {
            throw new IllegalStateException("node " + id + " is already expanded");
        }
        out = edges;
    }

    void addIn(StateEdge edge) {
        if (firstIn == null) {
            firstIn = edge;
        } else if (moreIn == null) {
            moreIn = new Edge[] {edge};
        } else {
            moreIn = Arrays.copyOf(moreIn, moreIn.length + 1);
            moreIn[moreIn.length - 1] = edge;
        }
    }

    int inCount() {
        return firstIn == null ? 0 : 1 + (moreIn == null ? 0 : moreIn.length);
    }

    Edge in(int i) {
        return i == 0 ? firstIn : moreIn[i - 1];
    }
}
