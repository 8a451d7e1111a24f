package dev.stepwise.prover.store;

/** The status of a search-tree node when the attempt ended. */
public enum NodeStatus implements Columns.Coded {
    OPEN("open"),
    PROVED("proved"),
    FAILED("failed");

    private final String code;

    NodeStatus(String code) {
        this.code = code;
    }

    @Override
    public String code() {
        return code;
    }
}
