package dev.stepwise.iteration;

/** What the acceptance gate said about an attempt's proof. Only accepted proofs become training data. */
public enum Verdict {
    ACCEPTED,
    REJECTED,
    NO_PROOF
}
