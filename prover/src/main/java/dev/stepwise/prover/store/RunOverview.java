package dev.stepwise.prover.store;

import java.util.Objects;

/** A run with its problem counts, for {@code stepwise runs list}. {@code unfinished} counts pending,
 * running and errored problems: what a resume would still do. */
public record RunOverview(Run run, int problems, int proved, int unproved, int unfinished, int statementErrors) {
    /** A run whose statements all elaborated. */
    public RunOverview(Run run, int problems, int proved, int unproved, int unfinished) {
        this(run, problems, proved, unproved, unfinished, 0);
    }

    public RunOverview {
        Objects.requireNonNull(run, "run");
        if (problems < 0 || proved < 0 || unproved < 0 || unfinished < 0 || statementErrors < 0
                || proved + unproved + unfinished + statementErrors != problems) {
            throw new IllegalArgumentException("inconsistent counts for run " + run.name() + ": " + problems + " = "
                    + proved + " + " + unproved + " + " + unfinished + "?");
        }
    }
}
