package dev.stepwise.lean;

/** How a REPL process failed. */
public enum CrashKind {
    /** The process exited (or was killed by a signal) while a request was pending. */
    EXITED,
    /** Its stdout ended, or ended in the middle of a response, while the process still ran. */
    OUTPUT_CLOSED,
    /** It answered something that is not a REPL response (a panic text, a stack overflow report). */
    GARBAGE,
    /** Exit code 137 or 134 with a memory cap set: most likely out of memory. */
    OUT_OF_MEMORY,
    /** Writing the request failed: its stdin is closed. */
    INPUT_CLOSED
}
