package dev.stepwise.search;

/**
 * A node of the live search DAG: a proof state ({@link InternalNode}) or the end of a tactic that
 * led to no state ({@link TerminalNode}: a proof, an error, a timeout, ...).
 */
sealed interface Node permits InternalNode, TerminalNode {
    /** Distance of a node that is not proved. */
    int UNPROVED = Integer.MAX_VALUE;

    Status status();

    /** Tactics on the shortest known proof from here: 0 for a completed proof, {@link #UNPROVED} if none. */
    int distanceToProof();
}
