package dev.stepwise.search;

/**
 * The proof status of a node. It only ever moves away from {@link #OPEN}, once.
 */
public enum Status {
    /** A proof from this state is known: one of its tactics leads to a proved state or closes every goal. */
    PROVED,
    /** Expanded, and every tactic tried from it led to a failed state or an error: nothing left to try below it. */
    FAILED,
    /** Neither yet: not expanded, or some child is still open. */
    OPEN
}
