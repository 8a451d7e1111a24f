package dev.stepwise.iteration;

/** How the select stage orders (and so, with the cap, chooses) the unsolved statements. */
public enum Curriculum {
    /** Fewest past attempts first; ties in pool order. */
    FEWEST_ATTEMPTS,
    /** Highest critic score first (InternLM2.5-StepProver); ties in pool order. */
    CRITIC
}
