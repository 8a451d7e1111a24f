package dev.stepwise.lean;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Exit codes and Lean's runtime reports (leanprover/lean4 src/runtime/stack_overflow.cpp, lean_internal_panic_out_of_memory). */
class LeanExitTest {
    @Test
    void theStderrReportDecidesNotTheExitCode() {
        assertEquals(CrashKind.STACK_OVERFLOW, LeanExit.classify(134, List.of("", "Stack overflow detected. Aborting."), true));
        assertEquals(CrashKind.STACK_OVERFLOW, LeanExit.classify(134, List.of("Stack overflow detected. Aborting."), false));
        assertEquals(CrashKind.OUT_OF_MEMORY, LeanExit.classify(1, List.of("INTERNAL PANIC: out of memory"), true));
        assertEquals(CrashKind.OUT_OF_MEMORY, LeanExit.classify(134,
                List.of("terminate called after throwing an instance of 'std::bad_alloc'", "  what():  std::bad_alloc"), true));
    }

    @Test
    void withoutAReportOnlyASigkillUnderACapIsOutOfMemory() {
        assertEquals(CrashKind.EXITED, LeanExit.classify(134, List.of(), true));
        assertEquals(CrashKind.OUT_OF_MEMORY, LeanExit.classify(137, List.of(), true));
        assertEquals(CrashKind.EXITED, LeanExit.classify(137, List.of(), false));
        assertEquals(CrashKind.EXITED, LeanExit.classify(3, List.of("INTERNAL PANIC: out of bounds"), true));
    }
}
