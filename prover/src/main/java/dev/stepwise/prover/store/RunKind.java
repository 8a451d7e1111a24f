package dev.stepwise.prover.store;

/** What started a run. */
public enum RunKind implements Columns.Coded {
    /** {@code stepwise prove FILE}. */
    PROVE("prove"),
    /** {@code stepwise eval}. */
    EVAL("eval"),
    /** The cheap pre-pass of a round's search: what it proves counts as easy (kept out of training by default). */
    ROUND_PREPASS("round-prepass"),
    /** The search stage of an expert-iteration round. */
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

    /** Whether runs of this kind are part of an expert-iteration round. */
    public boolean partOfRound() {
        return switch (this) {
            case PROVE, EVAL -> false;
            case ROUND_PREPASS, ROUND_SEARCH, ROUND_EVAL -> true;
        };
    }
}
