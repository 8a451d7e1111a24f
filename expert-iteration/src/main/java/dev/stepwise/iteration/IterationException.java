package dev.stepwise.iteration;

import java.util.Objects;

/** Why a round could not run or stopped. The message is one line meant for the user. */
public final class IterationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Whose problem it is: the command line's, the machine's, or a stage's. */
    public enum Kind {
        /** Bad arguments or state: a round number taken, nothing to resume. */
        USAGE,
        /** Something outside: the lock is held, a file cannot be written, the server is gone. */
        ENVIRONMENT,
        /** A stage failed (the trainer exited with an error, a search failed); the round is marked failed. */
        STAGE
    }

    private final Kind kind;

    public IterationException(Kind kind, String message) {
        super(message);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    public IterationException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    public Kind kind() {
        return kind;
    }
}
