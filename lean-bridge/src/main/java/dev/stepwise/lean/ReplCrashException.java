package dev.stepwise.lean;

import java.util.List;

/**
 * A REPL process died or broke the protocol while answering. Every proof state of that process
 * is gone; the pool replaces it and sessions replay their paths. Never seen by the search.
 */
public final class ReplCrashException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final CrashKind kind;
    private final Integer exitCode;
    private final List<String> stderrTail;

    public ReplCrashException(String process, CrashKind kind, Integer exitCode, List<String> stderrTail, String detail,
            Throwable cause) {
        super(process + " crashed (" + kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
                + (exitCode == null ? "" : ", exit code " + exitCode) + ")"
                + (detail == null || detail.isEmpty() ? "" : ": " + detail)
                + (stderrTail.isEmpty() ? "" : "; last stderr: " + String.join(" | ", stderrTail)), cause);
        this.kind = kind;
        this.exitCode = exitCode;
        this.stderrTail = List.copyOf(stderrTail);
    }

    public CrashKind kind() {
        return kind;
    }

    /** The exit code, if the process had exited when the crash was seen. */
    public Integer exitCode() {
        return exitCode;
    }

    public List<String> stderrTail() {
        return stderrTail;
    }
}
