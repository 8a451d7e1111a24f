package dev.stepwise.prover.cli;

/**
 * A failure the user can fix, reported as one line on stderr with its exit code and no stack
 * trace (unless {@code --verbose}). Services throw the subclasses; the CLI maps them.
 */
public class UserError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final ExitCode exitCode;

    public UserError(ExitCode exitCode, String message) {
        this(exitCode, message, null);
    }

    public UserError(ExitCode exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public ExitCode exitCode() {
        return exitCode;
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
