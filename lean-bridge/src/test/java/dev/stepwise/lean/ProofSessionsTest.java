package dev.stepwise.lean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Proof sessions against toy REPL subprocesses: outcomes, the success rule, replays after loss. */
class ProofSessionsTest {
    private static final String HEADER = "import Lean";

    @TempDir
    Path dir;

    private ReplPool pool;
    private final List<Long> pids = new ArrayList<>();

    private ProofSessions sessions(int size, Duration tacticTimeout) {
        var config = ReplPoolConfig.defaults(size, ToyRepl.config(dir), List.of(HEADER))
                .withTimeouts(tacticTimeout, Duration.ofSeconds(30), Duration.ofSeconds(30))
                .withHousekeeping(Duration.ofMillis(100), Duration.ofMillis(50), Duration.ofMillis(500),
                        Duration.ofMinutes(1));
        pool = ReplPool.start(config, new ReplCodec(), HostTools.fromEnvironment(), InstantSource.system());
        return new ProofSessions(pool, TacticFilter.defaults());
    }

    @AfterEach
    void closePool() {
        if (pool != null) {
            pids.addAll(pool.processPids());
            pool.close();
            for (long pid : pids) {
                assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "orphan " + pid);
            }
        }
    }

    private static SessionState started(SessionStart s) {
        return assertInstanceOf(SessionStart.Started.class, s).root();
    }

    @Test
    void stepsToACompleteProof() {
        ProofSessions s = sessions(1, Duration.ofSeconds(10));
        SessionState root = started(s.start(HEADER, "theorem t : steps 2 := by"));
        assertEquals(List.of("⊢ steps 2"), root.goals());
        var p = assertInstanceOf(StepOutcome.Progress.class, s.apply(root, "step"));
        assertEquals(List.of("⊢ steps 1"), p.state().goals());
        assertEquals(List.of("step"), p.state().path());
        assertInstanceOf(StepOutcome.Complete.class, s.apply(p.state(), "step"));
        assertEquals(0, pool.counters().replays());
    }

    @Test
    void emptyGoalsAloneAreNeverSuccess() {
        ProofSessions s = sessions(1, Duration.ofSeconds(10));
        SessionState root = started(s.start(HEADER, "theorem t : steps 2 := by"));
        var failed = assertInstanceOf(StepOutcome.LeanError.class, s.apply(root, "fail"));
        assertEquals("linarith failed", failed.message());
        var empty = assertInstanceOf(StepOutcome.LeanError.class, s.apply(root, "empty"));
        assertEquals("no goals remain but the proof is not complete: Incomplete: contains metavariable(s)",
                empty.message());
        var unknown = assertInstanceOf(StepOutcome.LeanError.class, s.apply(root, "frobnicate"));
        assertEquals("Lean error:\n<input>:1:1: unknown tactic", unknown.message());
        var split = assertInstanceOf(StepOutcome.Progress.class, s.apply(root, "split"));
        assertEquals("⊢ steps 2\n\n⊢ steps 2", split.state().goalsText());
    }

    @Test
    void forbiddenTacticsNeverReachLean() {
        ProofSessions s = sessions(1, Duration.ofSeconds(10));
        SessionState root = started(s.start(HEADER, "theorem t : steps 2 := by"));
        long leases = pool.counters().leases();
        assertEquals(new StepOutcome.Refused("forbidden: contains `native_decide`"), s.apply(root, "native_decide"));
        assertEquals(new StepOutcome.Refused("forbidden: contains `sorry`"), s.apply(root, "exact sorry"));
        assertEquals(leases, pool.counters().leases(), "no process was leased for a refused tactic");
    }

    @Test
    void aBadStatementFailsToStart() {
        ProofSessions s = sessions(1, Duration.ofSeconds(10));
        // Lean's error answer to the statement is its verdict on the statement, apart from faults
        assertEquals(new SessionStart.StatementRejected("the statement does not elaborate: unknown statement"),
                s.start(HEADER, "theorem t : True := by"));
    }

    @Test
    void aPathSurvivesItsProcessDying() throws Exception {
        ProofSessions s = sessions(1, Duration.ofSeconds(10));
        SessionState root = started(s.start(HEADER, "theorem t : steps 3 := by"));
        SessionState one = assertInstanceOf(StepOutcome.Progress.class, s.apply(root, "step")).state();
        // kill -9 the process behind the session's back
        List<Long> before = pool.processPids();
        pids.addAll(before);
        for (long pid : before) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
        for (long pid : before) {
            ProcessHandle.of(pid).ifPresent(h -> h.onExit().join());
        }
        SessionState two = assertInstanceOf(StepOutcome.Progress.class, s.apply(one, "step")).state();
        assertEquals(List.of("⊢ steps 1"), two.goals());
        assertEquals(List.of("step", "step"), two.path());
        assertInstanceOf(StepOutcome.Complete.class, s.apply(two, "step"));
        PoolCounters c = pool.counters();
        assertEquals(1, c.replays());
        assertTrue(c.crashes() >= 1, c.toString());
    }

    @Test
    void aTimeoutDoesNotPoisonLaterSteps() {
        ProofSessions s = sessions(1, Duration.ofMillis(1500));
        SessionState root = started(s.start(HEADER, "theorem t : steps 2 := by"));
        assertEquals(new StepOutcome.Timeout(Duration.ofMillis(1500)), s.apply(root, "hang"));
        var next = assertInstanceOf(StepOutcome.Progress.class, s.apply(root, "step"));
        assertEquals(List.of("⊢ steps 1"), next.state().goals());
        // a timeout is tried once more on a fresh process before it counts as Lean's answer
        assertEquals(2, pool.counters().timeouts());
        assertEquals(2, pool.counters().replays());
    }

    @Test
    void aTacticThatCrashesEveryProcessIsACrashOutcome() {
        ProofSessions s = sessions(1, Duration.ofSeconds(10));
        SessionState root = started(s.start(HEADER, "theorem t : steps 2 := by"));
        var crash = assertInstanceOf(StepOutcome.Crash.class, s.apply(root, "crash"));
        assertTrue(crash.detail().contains("exit code 134"), crash.detail());
        assertTrue(crash.detail().contains("Stack overflow detected. Aborting."), crash.detail());
        assertInstanceOf(StepOutcome.Progress.class, s.apply(root, "step"));
        assertEquals(3, pool.counters().crashes());
    }

    @Test
    void aStepThatHungOrCrashedItsProcessIsRetriedOnAFreshOne() {
        ProofSessions s = sessions(1, Duration.ofMillis(1500));
        SessionState root = started(s.start(HEADER, "theorem t : steps 3 := by"));
        var afterHang = assertInstanceOf(StepOutcome.Progress.class, s.apply(root, "hang_once"));
        assertEquals(List.of("⊢ steps 2"), afterHang.state().goals());
        var afterCrashes = assertInstanceOf(StepOutcome.Progress.class, s.apply(afterHang.state(), "crash_twice"));
        assertEquals(List.of("⊢ steps 1"), afterCrashes.state().goals());
        assertEquals(List.of("hang_once", "crash_twice"), afterCrashes.state().path());
        assertInstanceOf(StepOutcome.Complete.class, s.apply(afterCrashes.state(), "step"));
        PoolCounters c = pool.counters();
        assertEquals(1, c.timeouts(), c.toString());
        assertEquals(2, c.crashes(), c.toString());
    }
}
