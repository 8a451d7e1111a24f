package dev.stepwise.lean;

/** The REPL (or a transcript) said something that is not a valid request or response. */
public class ReplProtocolException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ReplProtocolException(String message) {
        super(message);
    }

    public ReplProtocolException(String message, Throwable cause) {
        super(message, cause);
    }
}
