package dev.stepwise.prover.store;

/** The acceptance gate's answer. */
public enum Verdict implements Columns.Coded {
    ACCEPTED("accepted"),
    REJECTED("rejected");

    private final String code;

    Verdict(String code) {
        this.code = code;
    }

    @Override
    public String code() {
        return code;
    }
}
