package dev.stepwise.prover.store;

/** The database id of one search attempt. */
public record AttemptId(long value) {
    public AttemptId {
        if (value < 1) {
            throw new IllegalArgumentException("attempt id must be >= 1, got " + value);
        }
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
