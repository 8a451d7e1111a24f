package dev.stepwise.prover.policy.prompt;

/** How far a prompt had to be cut to fit its budget; each step includes the ones before it. */
public enum Truncation {
    /** The prompt fitted as it was. */
    NONE,
    /** Goals after the first were dropped. */
    LATER_GOALS,
    /** The oldest tactics of the proof so far were dropped (templates that show them). */
    PROOF_BEFORE,
    /** Hypotheses of the first goal were dropped, farthest from the target first. */
    HYPOTHESES,
    /** Even the target was cut at its end: the prompt budget is too small for this state. */
    TARGET
}
