package dev.stepwise.iteration;

/** Whether the cheap pre-pass of a round's search already solved a statement (BFS-Prover's easy set). */
public enum Difficulty {
    EASY,
    REGULAR
}
