package dev.stepwise.prover.exit;

/**
 * The documented exit codes of every {@code stepwise} command, and the one type that names them:
 * services throw a {@link UserError} carrying one, the CLI's exit-code mapper reads it back.
 */
public enum ExitCode {
    /** The command did what was asked and the answer is yes (all proved, all accepted). */
    OK(0),
    /** The command ran, but the answer is no: unproved theorems, rejected proofs, defects found. */
    NO(1),
    /** Bad usage or bad input: an unknown option, a malformed file, an unknown dataset. */
    USAGE(2),
    /** The environment is missing something: no Lean toolchain, model server unreachable, disk full. */
    ENVIRONMENT(3),
    /** A bug of ours; the only code outside the four of the command contract. */
    INTERNAL(4);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
