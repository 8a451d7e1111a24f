package dev.stepwise.prover.store;

import dev.stepwise.prover.exit.ExitCode;
import dev.stepwise.prover.exit.UserError;

/**
 * The database cannot be used as asked, for a reason the user can fix: a file that is not a
 * Stepwise database or is damaged, a name or round already taken, a full disk, a lock held too
 * long. The message is one line naming the database; its exit code says whose move it is: the
 * input (2: another file, name or round) or the machine (3: disk full, locked, another build's
 * schema). Bugs are {@link StoreException}s instead.
 */
public final class DatabaseException extends UserError {
    private static final long serialVersionUID = 1L;

    private final boolean outage;

    private DatabaseException(ExitCode exitCode, String message, Throwable cause) {
        this(exitCode, message, cause, false);
    }

    private DatabaseException(ExitCode exitCode, String message, Throwable cause, boolean outage) {
        super(exitCode, message, cause);
        this.outage = outage;
    }

    /**
     * The database server could not be reached (down, restarting, the network gone): work that
     * can wait, such as a worker of a shared run, retries after it rather than giving up.
     */
    public static DatabaseException outage(String message, Throwable cause) {
        return new DatabaseException(ExitCode.ENVIRONMENT, message, cause, true);
    }

    /** Whether the server was out of reach, so the same work may succeed later. */
    public boolean outage() {
        return outage;
    }

    public static DatabaseException input(String message) {
        return new DatabaseException(ExitCode.USAGE, message, null);
    }

    public static DatabaseException input(String message, Throwable cause) {
        return new DatabaseException(ExitCode.USAGE, message, cause);
    }

    public static DatabaseException environment(String message) {
        return new DatabaseException(ExitCode.ENVIRONMENT, message, null);
    }

    public static DatabaseException environment(String message, Throwable cause) {
        return new DatabaseException(ExitCode.ENVIRONMENT, message, cause);
    }
}
