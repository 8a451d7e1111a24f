package dev.stepwise.prover.lean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepwise.lean.HostTools;
import dev.stepwise.lean.PoolCounters;
import dev.stepwise.lean.ProofSessions;
import dev.stepwise.lean.ReplCodec;
import dev.stepwise.lean.ReplPool;
import dev.stepwise.lean.ReplPoolConfig;
import dev.stepwise.lean.ReplProcessConfig;
import dev.stepwise.lean.ReplStartException;
import dev.stepwise.lean.SessionStart;
import dev.stepwise.lean.SessionState;
import dev.stepwise.lean.StepOutcome;
import dev.stepwise.lean.TacticFilter;
import dev.stepwise.prover.sim.SimulatedStack;
import dev.stepwise.prover.sim.TinyWorld;
import dev.stepwise.prover.sim.model.ModelDialect;
import dev.stepwise.prover.sim.world.Faults;
import dev.stepwise.prover.sim.world.Latency;
import dev.stepwise.prover.sim.world.World;
import dev.stepwise.prover.sim.world.WorldFile;
import dev.stepwise.search.ProofState;
import dev.stepwise.search.StartOutcome;
import dev.stepwise.search.TacticOutcome;
import dev.stepwise.search.Theorem;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pool and proof sessions against SIMULATED REPL processes (the product's simulator, started
 * through the REPL command as a real subprocess): every injected fault ends in the right outcome,
 * the pool works afterwards, and no process outlives it.
 */
class SimulatedPoolTest {
    private static final String HAVE = "have h₁ : 0 ≤ x ^ 2 := by positivity";
    private static final String FINISH = "nlinarith [h₁, h₀]";

    @TempDir
    Path dir;

    private SimulatedStack stack;
    private ReplPool pool;
    private final Set<Long> pids = ConcurrentHashMap.newKeySet();

    private Latency latency(Duration headerImport) {
        return new Latency(Duration.ZERO, headerImport, Duration.ZERO, Duration.ZERO, Duration.ofHours(1), Duration.ZERO,
                Duration.ZERO, 8);
    }

    private ProofSessions sessions(World world, int size, Duration tacticTimeout, Duration warmupTimeout,
            long maxRss) {
        Path file = dir.resolve("world.json");
        new WorldFile().write(world, file);
        stack = SimulatedStack.start(file, ModelDialect.VLLM);
        var config = ReplPoolConfig.defaults(size, ReplProcessConfig.of(stack.replCommand(), dir),
                        List.of(TinyWorld.HEADER))
                .withTimeouts(tacticTimeout, warmupTimeout, Duration.ofSeconds(60))
                .withRecycling(0, maxRss, Duration.ZERO)
                .withHousekeeping(Duration.ofMillis(200), Duration.ofMillis(50), Duration.ofMillis(500),
                        Duration.ofMinutes(1));
        pool = ReplPool.start(config, new ReplCodec(), HostTools.fromEnvironment(), InstantSource.system());
        pids.addAll(pool.processPids());
        return new ProofSessions(pool, TacticFilter.defaults());
    }

    @AfterEach
    void nothingLeaks() {
        if (pool != null) {
            pids.addAll(pool.processPids());
            pool.close();
        }
        if (stack != null) {
            stack.close();
        }
        List<Long> alive = pids.stream().filter(p -> ProcessHandle.of(p).map(ProcessHandle::isAlive).orElse(false)).toList();
        assertEquals(List.of(), alive, "simulated REPL processes outlived the pool");
        assertEquals(List.of(), ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
                .map(p -> p.info().commandLine().orElse("?")).filter(c -> c.contains("SimulatedReplMain")).toList());
    }

    private SessionState root(ProofSessions s) {
        return assertInstanceOf(SessionStart.Started.class, s.start(TinyWorld.HEADER, TinyWorld.STATEMENT)).root();
    }

    private SessionState progress(StepOutcome o) {
        return assertInstanceOf(StepOutcome.Progress.class, o).state();
    }

    @Test
    void aCrashingTacticIsACrashAndThePoolWorksAfterwards() {
        ProofSessions s = sessions(TinyWorld.world(latency(Duration.ZERO), Faults.none()), 1, Duration.ofSeconds(10),
                Duration.ofSeconds(60), 0);
        SessionState root = root(s);
        assertEquals(List.of(TinyWorld.ROOT_GOAL), root.goals());
        var crash = assertInstanceOf(StepOutcome.Crash.class, s.apply(root, "norm_num [pow_succ] at *"));
        assertTrue(crash.detail().contains("exit code 134"), crash.detail());
        assertTrue(crash.detail().contains("Stack overflow detected. Aborting."), crash.detail());
        SessionState next = progress(s.apply(root, HAVE));
        assertEquals(List.of(TinyWorld.S1_GOAL), next.goals());
        assertInstanceOf(StepOutcome.Complete.class, s.apply(next, FINISH));
        PoolCounters c = pool.counters();
        // tried on three processes before it counts as a crash
        assertEquals(3, c.crashes(), c.toString());
        assertTrue(c.restarts() >= 3, c.toString());
    }

    @Test
    @Tag("slow") // waits out timeouts and recycling of REPL JVMs
    void aHangIsATimeoutThatDoesNotPoisonLaterSteps() {
        ProofSessions s = sessions(TinyWorld.world(latency(Duration.ZERO), Faults.none()), 1, Duration.ofSeconds(2),
                Duration.ofSeconds(60), 0);
        SessionState root = root(s);
        assertEquals(new StepOutcome.Timeout(Duration.ofSeconds(2)), s.apply(root, "nlinarith [sq_nonneg x, sq_abs x]"));
        SessionState next = progress(s.apply(root, HAVE));
        assertInstanceOf(StepOutcome.Complete.class, s.apply(next, FINISH));
        // tried once more on a fresh process before the timeout is reported
        assertEquals(2, pool.counters().timeouts());
        assertEquals(2, pool.counters().replays(), "the root was rebuilt on each fresh process");
    }

    @Test
    @Tag("slow") // waits out timeouts and recycling of REPL JVMs
    void garbageOutputIsSurvivedByReplayingOnAnotherProcess() {
        Faults garbage = new Faults(0, 0, 0.5, 0, 0, 0, 0, 0, Duration.ofMinutes(1));
        ProofSessions s = sessions(TinyWorld.world(latency(Duration.ZERO), garbage), 2, Duration.ofSeconds(10),
                Duration.ofSeconds(60), 0);
        List<StepOutcome> outcomes = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            SessionStart start = s.start(TinyWorld.HEADER, TinyWorld.STATEMENT);
            switch (start) {
                case SessionStart.Started st -> outcomes.add(s.apply(st.root(), HAVE));
                case SessionStart.Failed f -> assertTrue(f.reason().startsWith("Lean crashed: "), f.reason());
                // garbage where an answer should be is a fault of the process, never Lean's verdict on the statement
                case SessionStart.StatementRejected r -> throw new AssertionError("a faulty answer became a statement error: " + r);
            }
            pids.addAll(pool.processPids());
        }
        for (StepOutcome o : outcomes) {
            assertTrue(o instanceof StepOutcome.Progress || o instanceof StepOutcome.Crash, o.toString());
        }
        assertTrue(pool.counters().crashes() > 0, "garbage was injected at half the commands: " + pool.counters());
        // the pool is whole and serves: header imports are never garbled by the simulator
        try (var lease = pool.lease(TinyWorld.HEADER)) {
            assertInstanceOf(dev.stepwise.lean.HeaderEnv.Ready.class, lease.header(TinyWorld.HEADER));
        }
        // Replacements of crashed processes may still be starting: read the counts once they are done.
        pool.awaitStarted(Duration.ofSeconds(30));
        PoolCounters c = pool.counters();
        assertEquals(2, c.total() + c.starting(), c.toString());
    }

    @Test
    void aWarmUpSlowerThanItsDeadlineFailsAtStartWithTheCause() {
        var e = assertThrows(ReplStartException.class, () -> sessions(TinyWorld.world(latency(Duration.ofSeconds(5)),
                Faults.none()), 1, Duration.ofSeconds(10), Duration.ofMillis(500), 0));
        assertTrue(e.getMessage().matches("repl-1 failed while warming up: repl-1 did not answer within 500 ms and was killed"),
                e.getMessage());
    }

    @Test
    void aSlowWarmUpWithinItsDeadlineServesAfterwards() {
        ProofSessions s = sessions(TinyWorld.world(latency(Duration.ofMillis(1500)), Faults.none()), 2,
                Duration.ofSeconds(10), Duration.ofSeconds(30), 0);
        SessionState root = root(s);
        assertInstanceOf(StepOutcome.Progress.class, s.apply(root, HAVE));
    }

    @Test
    @Tag("slow") // waits out timeouts and recycling of REPL JVMs
    void memoryGrowthRecyclesTheProcessAndStepsGoOn() {
        Faults growth = new Faults(0, 0, 0, 64L << 20, 0, 0, 0, 0, Duration.ofMinutes(1));
        ProofSessions s = sessions(TinyWorld.world(latency(Duration.ZERO), growth), 1, Duration.ofSeconds(10),
                Duration.ofSeconds(60), 300L << 20);
        SessionState root = root(s);
        for (int i = 0; i < 5; i++) {
            pids.addAll(pool.processPids());
            progress(s.apply(root, HAVE));
        }
        assertTrue(pool.counters().recycles() >= 1, pool.counters().toString());
        assertTrue(pool.counters().replays() >= 1, pool.counters().toString());
    }

    @Test
    void aSearchPathSurvivesItsProcessDying() {
        ProofSessions s = sessions(TinyWorld.world(latency(Duration.ZERO), Faults.none()), 1, Duration.ofSeconds(10),
                Duration.ofSeconds(60), 0);
        var env = new LeanProofEnvironment(s);
        Theorem theorem = new Theorem("tiny", TinyWorld.HEADER, TinyWorld.STATEMENT);
        ProofState root = assertInstanceOf(StartOutcome.Started.class, env.start(theorem)).root();
        assertEquals(TinyWorld.ROOT_GOAL, root.goals());
        ProofState one = assertInstanceOf(TacticOutcome.Progress.class, env.apply(theorem, root, List.of(), HAVE)).state();
        assertEquals(1, one.goalCount());
        List<Long> before = pool.processPids();
        pids.addAll(before);
        before.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
        before.forEach(pid -> ProcessHandle.of(pid).ifPresent(h -> h.onExit().join()));
        assertInstanceOf(TacticOutcome.ProofComplete.class, env.apply(theorem, one, List.of(HAVE), FINISH));
        assertEquals(1, pool.counters().replays());
        assertEquals(new TacticOutcome.Rejected("forbidden: contains `native_decide`"),
                env.apply(theorem, root, List.of(), "native_decide"));
        assertInstanceOf(TacticOutcome.LeanError.class, env.apply(theorem, root, List.of(), "exact h₀"));
    }
}
