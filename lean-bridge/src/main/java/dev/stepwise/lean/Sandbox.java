package dev.stepwise.lean;

/**
 * Whether REPL processes run inside a bubblewrap sandbox: no network, the file system read-only
 * except a scratch directory. Model-written tactics can run arbitrary code ({@code run_tac},
 * {@code #eval}), so the sandbox is on by default where {@code bwrap} exists.
 */
public enum Sandbox {
    /** Run the REPL directly. */
    OFF,
    /** Use bwrap when it is installed; run directly (and say so in the doctor) when it is not. */
    WHERE_AVAILABLE,
    /** Refuse to start a REPL without bwrap. */
    REQUIRED
}
