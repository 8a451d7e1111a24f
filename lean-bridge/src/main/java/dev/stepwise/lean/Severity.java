package dev.stepwise.lean;

/** The severity of a Lean message, as the REPL spells it. */
public enum Severity {
    INFO("info"),
    WARNING("warning"),
    ERROR("error");

    private final String json;

    Severity(String json) {
        this.json = json;
    }

    /** The REPL's spelling. */
    public String json() {
        return json;
    }
}
