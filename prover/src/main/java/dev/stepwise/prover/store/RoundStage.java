package dev.stepwise.prover.store;

/** The stages of an expert-iteration round, in the order they run. */
public enum RoundStage implements Columns.Coded {
    SELECT("select"),
    SEARCH("search"),
    HARVEST("harvest"),
    FILTER("filter"),
    EXPORT("export"),
    TRAIN("train"),
    EVALUATE("evaluate"),
    PROMOTE("promote");

    private final String code;

    RoundStage(String code) {
        this.code = code;
    }

    @Override
    public String code() {
        return code;
    }
}
