package dev.stepwise.prover.exit;

import java.util.Objects;

/**
 * A failure the user can fix, reported as one line on stderr with its exit code and no stack
 * trace (unless {@code --verbose}). Each package's own failures (a bad configuration, a damaged
 * database, a malformed problem file) extend it, so the CLI maps every one the same way instead
 * of listing their types.
 */
public class UserError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final ExitCode exitCode;

    public UserError(ExitCode exitCode, String message) {
        this(exitCode, message, null);
    }

    public UserError(ExitCode exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = Objects.requireNonNull(exitCode, "exitCode");
    }

    public final ExitCode exitCode() {
        return exitCode;
    }

    /** The line the user reads after {@code stepwise: }; subclasses may say which part failed. */
    public String oneLine() {
        return getMessage();
    }

    /** Bad usage or bad input (exit 2). */
    public static UserError input(String message) {
        return new UserError(ExitCode.USAGE, message);
    }

    public static UserError input(String message, Throwable cause) {
        return new UserError(ExitCode.USAGE, message, cause);
    }

    /** Something missing from the machine (exit 3). */
    public static UserError environment(String message) {
        return new UserError(ExitCode.ENVIRONMENT, message);
    }

    public static UserError environment(String message, Throwable cause) {
        return new UserError(ExitCode.ENVIRONMENT, message, cause);
    }
}
