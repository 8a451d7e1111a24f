package dev.stepwise.prover.store;

/** Whether a run talked to a real Lean and model or to the simulator; every number is labelled. */
public enum Simulation {
    REAL,
    SIMULATED;

    /** SIMULATED if either part of a run was the simulator. */
    public Simulation or(Simulation other) {
        return this == SIMULATED || other == SIMULATED ? SIMULATED : REAL;
    }
}
