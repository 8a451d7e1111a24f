package dev.stepwise.lean;

/** How a REPL process failed. */
public enum CrashKind {
    /** The process exited (or was killed by a signal) while a request was pending. */
    EXITED,
    /** Its stdout ended, or ended in the middle of a response, while the process still ran. */
    OUTPUT_CLOSED,
    /** It answered something that is not a REPL response (a panic text, a stack overflow report). */
    GARBAGE,
    /** Lean's runtime reported running out of memory, or (under a memory cap) the process was SIGKILLed: see {@link LeanExit}. */
    OUT_OF_MEMORY,
    /** Lean's runtime reported a stack overflow and aborted (exit 134): deep recursion, not memory. */
    STACK_OVERFLOW,
    /** Writing the request failed: its stdin is closed. */
    INPUT_CLOSED
}
