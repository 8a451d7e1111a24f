package dev.stepwise.prover.store;

/** Where one problem of a run stands. Pending, running and error problems are what a resume redoes. */
public enum ProblemStatus implements Columns.Coded {
    PENDING("pending"),
    RUNNING("running"),
    /** An attempt found a proof and the acceptance gate accepted it. */
    PROVED("proved"),
    /** Every attempt ended without an accepted proof. */
    UNPROVED("unproved"),
    /** Lean did not elaborate the statement (its message is the error): final, counted apart, never as unproved. */
    STATEMENT_ERROR("statement-error"),
    /** The environment failed (model server gone, Lean missing): retried on resume, never counted. */
    ERROR("error");

    private final String code;

    ProblemStatus(String code) {
        this.code = code;
    }

    @Override
    public String code() {
        return code;
    }

    public boolean finished() {
        return this == PROVED || this == UNPROVED || this == STATEMENT_ERROR;
    }
}
