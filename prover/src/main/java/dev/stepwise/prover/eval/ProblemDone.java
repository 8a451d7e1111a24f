package dev.stepwise.prover.eval;

import java.time.Duration;
import java.util.Objects;

/**
 * A problem as its search ended in this invocation, for progress displays: taken from the
 * search's own result, not read back from the store (the stored row is the result of record).
 *
 * @param expansions summed over the attempts that ran
 * @param time from the problem's start in this invocation to its end, to the millisecond as stored
 */
public record ProblemDone(String name, ProblemResult.Outcome outcome, long expansions, Duration time) {
    public ProblemDone {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(time, "time");
        if (expansions < 0) {
            throw new IllegalArgumentException(name + ": expansions must be >= 0");
        }
    }

    public boolean proved() {
        return outcome == ProblemResult.Outcome.PROVED;
    }
}
