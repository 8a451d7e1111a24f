package dev.stepwise.search;

/**
 * One tactic tried at one state and where it led: to a state node ({@link StateEdge}), or to no
 * state, in which case the edge is a {@link TerminalNode} and is its own end, so that a failed
 * tactic costs one object rather than two. Immutable.
 */
abstract sealed class Edge permits StateEdge, TerminalNode {
    final InternalNode source;
    /** The state the tactic led to; null exactly when this edge is a {@link TerminalNode}. */
    final InternalNode state;
    final String tactic;
    final double logProbSum;
    final int tokenCount;
    /** The thought the model wrote before the tactic; "" for none. */
    final String thought;
    /** Microseconds in an int (35 minutes at most) keep the edge small; the environment bounds each tactic far below. */
    final int environmentMicros;

    /** An edge to {@code state} ({@link StateEdge}), or to no state ({@link TerminalNode}, which passes null). */
    Edge(InternalNode source, InternalNode state, Candidate candidate, long environmentNanos) {
        if ((state == null) != (this instanceof TerminalNode)) {
            throw new IllegalArgumentException("an edge leads to a state unless it is a TerminalNode");
        }
        this.source = source;
        this.state = state;
        this.tactic = candidate.tactic();
        this.logProbSum = candidate.logProbSum();
        this.tokenCount = candidate.tokenCount();
        this.thought = candidate.thought();
        this.environmentMicros = (int) Math.min(Integer.MAX_VALUE, environmentNanos / 1000);
    }

    /** Where the edge leads: its state node, or the edge itself when it leads to no state. */
    Node target() {
        return this instanceof TerminalNode t ? t : state;
    }

    EdgeKind kind() {
        return this instanceof TerminalNode t ? t.kind : EdgeKind.PROGRESS;
    }
}
