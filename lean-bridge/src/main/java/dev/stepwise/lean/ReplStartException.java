package dev.stepwise.lean;

/** A REPL process could not be started or warmed up; the message says why, with Lean's own words. */
public final class ReplStartException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ReplStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
