package dev.stepwise.prover.cli;

/** The documented exit codes of every {@code stepwise} command. */
public enum ExitCode {
    /** The command did what was asked and the answer is yes (all proved, all accepted). */
    OK(0),
    /** The command ran, but the answer is no: unproved theorems, rejected proofs, defects found. */
    NO(1),
    /** Bad usage or bad input: an unknown option, a malformed file, an unknown dataset. */
    USAGE(2),
    /** The environment is missing something: no Lean toolchain, model server unreachable, disk full. */
    ENVIRONMENT(3);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
