package dev.stepwise.search;

import java.util.Arrays;

/**
 * A proof state in the live search DAG. Identity is the goal key: the tree holds one node per key.
 * Fields are laid out for size (a search may hold millions of nodes): timings in int
 * microseconds, in-edges as one field plus a rarely used array for merged paths, and the key text
 * shared with the goal text when the goals are already normalised.
 */
final class InternalNode implements Node {
    final int id;
    /** The normalised goal text ({@link GoalKey#text()}); the same String as {@link #goals} when they are equal. */
    final String key;
    final String goals;
    final int goalCount;
    final StateHandle handle;
    /** Tactics from the root on the path by which the node was first reached. */
    final int depth;
    /** Summed tactic scores on that path. */
    final double pathScore;
    double priority;
    Status status = Status.OPEN;
    int distance = UNPROVED;
    /** Null until expanded; set once. */
    Edge[] out;
    /** The edge by which the node was first reached (null for the root); it defines the node's path. */
    Edge firstIn;
    Edge[] moreIn;
    int expansionOrder = NodeRecord.NOT_EXPANDED;
    int policyMicros;

    InternalNode(int id, String key, ProofState state, int depth, double pathScore) {
        this.id = id;
        this.key = key;
        this.goals = state.goals();
        this.goalCount = state.goalCount();
        this.handle = state.handle();
        this.depth = depth;
        this.pathScore = pathScore;
    }

    @Override
    public Status status() {
        return status;
    }

    @Override
    public int distanceToProof() {
        return distance;
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

    void addIn(Edge edge) {
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

    /** The tactics from the root along {@link #firstIn} edges. */
    String[] pathTactics() {
        String[] path = new String[depth];
        int i = depth;
        for (InternalNode n = this; n.firstIn != null; n = n.firstIn.source) {
            path[--i] = n.firstIn.tactic;
        }
        return path;
    }
}
