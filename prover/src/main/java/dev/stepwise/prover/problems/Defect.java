package dev.stepwise.prover.problems;

import java.util.Objects;

/** One thing wrong with a problem file, at a 1-based line and column (column 0: the whole line). */
public record Defect(String file, int line, int column, String message) {
    public Defect {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return file + ":" + line + (column > 0 ? ":" + column : "") + ": " + message;
    }
}
