package dev.stepwise.prover.rounds;

import dev.stepwise.prover.store.Columns;

/** What the filter stage decided about a harvested example. */
public enum FilterDecision implements Columns.Coded {
    KEPT("kept"),
    DROPPED("dropped");

    private final String code;

    FilterDecision(String code) {
        this.code = code;
    }

    @Override
    public String code() {
        return code;
    }
}
