package dev.stepwise.lean;

/** What the acceptance gate decided about one proof. */
public enum GateDecision {
    /** Lean re-elaborated it without error, sorry or foreign axiom, and the statement is the reference. */
    ACCEPTED,
    /** Something is wrong with the proof; the verdict lists every reason. */
    REJECTED,
    /** Lean could not give an answer (crash, timeout, no process); the proof is neither good nor bad yet. */
    UNCHECKED
}
