package dev.stepwise.lean;

import java.util.Objects;

/**
 * The text of one request or response as read from a stream, with where it was: its 1-based
 * number in the stream and the 1-based line it started on (for error messages that name it).
 */
public record Frame(String text, int index, int firstLine) {
    public Frame {
        Objects.requireNonNull(text, "text");
        if (index < 1 || firstLine < 1) {
            throw new IllegalArgumentException("index and firstLine are 1-based, got " + index + ", " + firstLine);
        }
    }

    /** "response 3 (line 17)": how error messages name this frame. */
    public String position(String what) {
        return what + " " + index + " (line " + firstLine + ")";
    }
}
