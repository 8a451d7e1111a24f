package dev.stepwise.prover.store;

/** Where a run stands. A process killed mid-run leaves its run {@code RUNNING}; both that and
 * {@code INTERRUPTED} (stopped on purpose) are resumable. */
public enum RunStatus implements Columns.Coded {
    RUNNING("running"),
    INTERRUPTED("interrupted"),
    COMPLETED("completed"),
    FAILED("failed");

    private final String code;

    RunStatus(String code) {
        this.code = code;
    }

    @Override
    public String code() {
        return code;
    }

    public boolean resumable() {
        return this == RUNNING || this == INTERRUPTED;
    }
}
