package dev.stepwise.iteration;

/** The kinds of training data a round harvests. */
public enum ExampleKind {
    /** (state, tactic) along an accepted proof: supervised fine-tuning. */
    SFT,
    /** Proof-path tactic over a sibling that failed in Lean, from the same state. */
    DPO,
    /** A state closer to a proof over one farther from it, for a critic (value) model. */
    CRITIC
}
