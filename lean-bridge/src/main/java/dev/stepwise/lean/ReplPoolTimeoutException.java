package dev.stepwise.lean;

/** No process came free within the lease timeout; the message has the pool's counts, the cause the last start failure. */
public final class ReplPoolTimeoutException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ReplPoolTimeoutException(String message, Throwable lastStartFailure) {
        super(message, lastStartFailure);
    }
}
