package dev.stepwise.prover.store;

/** The database id of an expert-iteration round (not its number). */
public record RoundId(long value) {
    public RoundId {
        if (value < 1) {
            throw new IllegalArgumentException("round id must be >= 1, got " + value);
        }
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
