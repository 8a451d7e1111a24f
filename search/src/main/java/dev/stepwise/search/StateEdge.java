package dev.stepwise.search;

/**
 * An edge that leads to a state node. It also points at the edge by which its source was first
 * reached, so that the tactic path of a node is a chain of edges alone: a walk up a deep path
 * then reads one object per level rather than a node and an edge (see {@link TacticPaths}).
 * Immutable.
 */
final class StateEdge extends Edge {
    /** {@code source.firstIn}: the edge above this one on its source's path; null when the source is the root. */
    final StateEdge up;

    StateEdge(InternalNode source, InternalNode state, Candidate candidate, long environmentNanos) {
        super(source, state, candidate, environmentNanos);
        this.up = source.firstIn;
    }
}
