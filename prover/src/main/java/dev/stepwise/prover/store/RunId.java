package dev.stepwise.prover.store;

/** The database id of a run. */
public record RunId(long value) {
    public RunId {
        if (value < 1) {
            throw new IllegalArgumentException("run id must be >= 1, got " + value);
        }
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
