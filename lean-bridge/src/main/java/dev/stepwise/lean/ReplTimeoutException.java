package dev.stepwise.lean;

import java.time.Duration;

/** A request ran past its wall-clock deadline; the process (its whole tree) has been killed. */
public final class ReplTimeoutException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final Duration deadline;

    public ReplTimeoutException(String process, Duration deadline) {
        super(process + " did not answer within " + deadline.toMillis() + " ms and was killed");
        this.deadline = deadline;
    }

    public Duration deadline() {
        return deadline;
    }
}
