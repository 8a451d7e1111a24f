package dev.stepwise.prover.store;

import java.util.Objects;

/**
 * The database cannot be used as asked, for a reason the user can fix: a file that is not a
 * Stepwise database or is damaged, a name or round already taken, a full disk, a lock held too
 * long. The message is one line naming the database; the kind says whose move it is, and the CLI
 * maps it to its exit code. Bugs are {@link StoreException}s instead.
 */
public final class DatabaseException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Whose move it is. */
    public enum Kind {
        /** The input is wrong: another file, another name, another round (exit 2). */
        INPUT,
        /** The machine is: disk full, directory not writable, database locked, another build's schema (exit 3). */
        ENVIRONMENT
    }

    private final Kind kind;

    private DatabaseException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    public Kind kind() {
        return kind;
    }

    public static DatabaseException input(String message) {
        return new DatabaseException(Kind.INPUT, message, null);
    }

    static DatabaseException input(String message, Throwable cause) {
        return new DatabaseException(Kind.INPUT, message, cause);
    }

    static DatabaseException environment(String message) {
        return new DatabaseException(Kind.ENVIRONMENT, message, null);
    }

    static DatabaseException environment(String message, Throwable cause) {
        return new DatabaseException(Kind.ENVIRONMENT, message, cause);
    }
}
