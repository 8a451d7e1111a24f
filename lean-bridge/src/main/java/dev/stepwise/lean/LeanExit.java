package dev.stepwise.lean;

import java.util.List;

/**
 * Why a REPL process ended, from its exit code and the last lines of its stderr, where Lean's
 * runtime writes its fatal reports. The one place that reads those texts:
 * <ul>
 * <li>{@code "\nStack overflow detected. Aborting.\n"}: written to descriptor 2 by the SIGSEGV
 *     handler on the guard page below a thread's stack, followed by {@code abort()}, so the
 *     status is 134 (leanprover/lean4, {@code src/runtime/stack_overflow.cpp}, {@code segv_handler}).
 *     Deep recursion in a tactic or in the elaborator does this; it has nothing to do with memory.</li>
 * <li>{@code "INTERNAL PANIC: out of memory"}: {@code lean_internal_panic_out_of_memory()} when an
 *     allocation fails (as it does under the address-space cap, {@code prlimit --as}); and
 *     {@code std::bad_alloc} when the C++ side's allocation fails and nothing catches it
 *     ({@code terminate}, then {@code abort()}: status 134 as well).</li>
 * <li>Status 137 (SIGKILL) under a memory cap: the kernel's OOM killer, the usual end of a REPL
 *     that grew past the machine's memory.</li>
 * </ul>
 * An exit code alone does not tell a stack overflow from an out-of-memory abort: both are 134.
 */
final class LeanExit {
    static final String STACK_OVERFLOW = "Stack overflow detected. Aborting.";
    static final String OUT_OF_MEMORY = "INTERNAL PANIC: out of memory";
    static final String BAD_ALLOC = "std::bad_alloc";

    private LeanExit() {
    }

    /** @param memoryCapped whether the process ran under a memory cap */
    static CrashKind classify(int exitCode, List<String> stderrTail, boolean memoryCapped) {
        if (stderrTail.stream().anyMatch(l -> l.contains(STACK_OVERFLOW))) {
            return CrashKind.STACK_OVERFLOW;
        }
        if (stderrTail.stream().anyMatch(l -> l.contains(OUT_OF_MEMORY) || l.contains(BAD_ALLOC))) {
            return CrashKind.OUT_OF_MEMORY;
        }
        return memoryCapped && exitCode == 137 ? CrashKind.OUT_OF_MEMORY : CrashKind.EXITED;
    }
}
