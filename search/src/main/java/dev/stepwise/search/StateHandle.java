package dev.stepwise.search;

/**
 * The environment's own reference to a proof state (for the Lean bridge: a session-level id that
 * survives the death of the process that made it). The search stores it and hands it back.
 */
public interface StateHandle {
}
