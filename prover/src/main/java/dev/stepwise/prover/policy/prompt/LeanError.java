package dev.stepwise.prover.policy.prompt;

import java.util.Objects;

/**
 * One error Lean reported on a checked proof, where the repair formats need it: its position in
 * the checked text (line from 1, column in code points from 0, as the REPL reports them) and its
 * message.
 *
 * @param endLine the end's line, or 0 when Lean gave no end position
 */
public record LeanError(int line, int column, int endLine, int endColumn, String data) {
    public LeanError {
        Objects.requireNonNull(data, "data");
        if (line < 1 || column < 0 || endLine < 0 || endColumn < 0) {
            throw new IllegalArgumentException("bad error position " + line + ":" + column + "-" + endLine + ":" + endColumn);
        }
    }

    public boolean hasEnd() {
        return endLine > 0;
    }
}
