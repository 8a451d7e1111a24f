package dev.stepwise.prover.rounds;

/** The database id of a training example. */
public record ExampleId(long value) {
    public ExampleId {
        if (value < 1) {
            throw new IllegalArgumentException("example id must be >= 1, got " + value);
        }
    }
}
