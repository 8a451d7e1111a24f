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

    private DatabaseException(ExitCode exitCode, String message, Throwable cause) {
        super(exitCode, message, cause);
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
