package dev.stepwise.iteration;

/**
 * Where a round or one of its stages stands. A round killed without warning stays {@code RUNNING}
 * until it is resumed: nothing had the chance to record anything else.
 */
public enum RoundStatus {
    RUNNING,
    COMPLETED,
    FAILED
}
