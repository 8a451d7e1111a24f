package dev.stepwise.prover.store;

/** What started a run. */
public enum RunKind implements Columns.Coded {
    /** {@code stepwise prove FILE}. */
    PROVE("prove"),
    /** {@code stepwise eval}. */
    EVAL("eval"),
    /** The search stage of an expert-iteration round (including its cheap pre-pass). */
    ROUND_SEARCH("round-search"),
    /** The evaluation of a round's candidate model. */
    ROUND_EVAL("round-eval");

    private final String code;

    RunKind(String code) {
        this.code = code;
    }

    @Override
    public String code() {
        return code;
    }
}
