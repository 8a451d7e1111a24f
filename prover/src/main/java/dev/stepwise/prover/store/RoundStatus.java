package dev.stepwise.prover.store;

/** Where a round, or one stage of it, stands. A killed round stays {@code RUNNING} until resumed. */
public enum RoundStatus implements Columns.Coded {
    RUNNING("running"),
    COMPLETED("completed"),
    FAILED("failed");

    private final String code;

    RoundStatus(String code) {
        this.code = code;
    }

    @Override
    public String code() {
        return code;
    }
}
