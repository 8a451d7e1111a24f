package dev.stepwise.lean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pool's mechanics against scripted REPL subprocesses (the simulated REPL is exercised in prover). */
class ReplPoolTest {
    private static final String HEADER = "import Lean";

    @TempDir
    Path dir;

    private ReplPool pool;
    private final List<Long> seenPids = new ArrayList<>();

    private ReplPoolConfig config(int size) {
        return ReplPoolConfig.defaults(size, ScriptedRepl.config(dir), List.of(HEADER))
                .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(10))
                .withHousekeeping(Duration.ofMillis(50), Duration.ofMillis(20), Duration.ofMillis(200),
                        Duration.ofMinutes(1));
    }

    private ReplPool start(ReplPoolConfig config) {
        pool = ReplPool.start(config, new ReplCodec(), HostTools.fromEnvironment(), InstantSource.system());
        return pool;
    }

    @AfterEach
    void noOrphans() {
        if (pool != null) {
            seenPids.addAll(pool.processPids());
            pool.close();
            pool.close(); // idempotent
            for (long pid : seenPids) {
                assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false),
                        "process " + pid + " outlived the pool");
            }
            assertEquals(List.of(), pool.processPids());
        }
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("never happened: " + what);
            }
            Thread.sleep(20);
        }
    }

    @Test
    void leasesAWarmProcessAndTakesItBack() throws Exception {
        ReplPool p = start(config(2));
        await(() -> p.counters().idle() == 2, "two processes warm");
        long id;
        try (ReplLease lease = p.lease(HEADER)) {
            id = lease.processId();
            var env = assertInstanceOf(HeaderEnv.Ready.class, lease.header(HEADER));
            assertEquals(0, env.env(), "the header was imported first, at start");
            assertInstanceOf(ReplResponse.CommandResult.class, lease.send(ReplRequest.Command.in(0, "def x := 1")));
            assertEquals(1, p.counters().idle());
        }
        try (ReplLease again = p.lease(HEADER, Set.of(id))) {
            assertEquals(id, again.processId(), "the preferred process is handed out when idle");
        }
        PoolCounters c = p.counters();
        assertEquals(2, c.leases());
        assertEquals(0, c.waits());
        assertEquals(2, c.total());
        assertEquals(2, c.idle());
    }

    @Test
    void aTimeoutKillsTheProcessAndThePoolRestartsIt() throws Exception {
        ReplPool p = start(config(1).withTimeouts(Duration.ofMillis(300), Duration.ofSeconds(5), Duration.ofSeconds(10)));
        long first;
        try (ReplLease lease = p.lease(HEADER)) {
            first = lease.processId();
            seenPids.addAll(p.processPids());
            assertThrows(ReplTimeoutException.class, () -> lease.send(ReplRequest.Command.in(0, "hang")));
        }
        try (ReplLease lease = p.lease(HEADER)) {
            assertNotEquals(first, lease.processId());
            assertInstanceOf(ReplResponse.CommandResult.class, lease.send(ReplRequest.Command.in(0, "fine again")));
        }
        PoolCounters c = p.counters();
        assertEquals(1, c.timeouts());
        assertEquals(1, c.restarts());
        assertEquals(0, c.crashes());
    }

    @Test
    void aCrashIsCountedAndTheProcessReplaced() throws Exception {
        ReplPool p = start(config(1));
        long first;
        try (ReplLease lease = p.lease(HEADER)) {
            first = lease.processId();
            var e = assertThrows(ReplCrashException.class, () -> lease.send(ReplRequest.Command.in(0, "crash")));
            assertEquals(3, e.exitCode());
        }
        try (ReplLease lease = p.lease(HEADER)) {
            assertNotEquals(first, lease.processId());
            assertInstanceOf(ReplResponse.CommandResult.class, lease.send(ReplRequest.Command.in(0, "ok")));
        }
        assertEquals(1, p.counters().crashes());
        assertEquals(1, p.counters().restarts());
    }

    @Test
    void garbageOutputRetiresTheProcess() {
        ReplPool p = start(config(1));
        try (ReplLease lease = p.lease(HEADER)) {
            var e = assertThrows(ReplCrashException.class, () -> lease.send(ReplRequest.Command.in(0, "garbage")));
            assertEquals(CrashKind.GARBAGE, e.kind());
        }
        try (ReplLease lease = p.lease(HEADER)) {
            assertEquals(new ReplResponse.CommandResult(2), lease.send(ReplRequest.Command.in(0, "ok")));
        }
    }

    @Test
    void aProcessIsRecycledAfterItsCommandLimit() throws Exception {
        // warm-up takes two requests (header, health check); the limit is reached by the third
        ReplPool p = start(config(1).withRecycling(3, 0, Duration.ZERO));
        long first;
        try (ReplLease lease = p.lease(HEADER)) {
            first = lease.processId();
            lease.send(ReplRequest.Command.in(0, "one"));
        }
        try (ReplLease lease = p.lease(HEADER)) {
            assertNotEquals(first, lease.processId());
        }
        assertEquals(1, p.counters().recycles());
        assertEquals(0, p.counters().restarts());
    }

    @Test
    void aProcessGrowingPastTheMemoryLimitIsRecycled() throws Exception {
        ReplPool p = start(config(1).withRecycling(0, 12L << 20, Duration.ZERO));
        long first;
        try (ReplLease lease = p.lease(HEADER)) {
            first = lease.processId();
            lease.send(ReplRequest.Command.in(0, "grow"));
        }
        try (ReplLease lease = p.lease(HEADER)) {
            assertNotEquals(first, lease.processId());
        }
        assertEquals(1, p.counters().recycles());
    }

    @Test
    void theHousekeeperRetiresIdleProcessesPastTheirAge() throws Exception {
        ReplPool p = start(config(1).withRecycling(0, 0, Duration.ofMillis(200)));
        await(() -> p.counters().recycles() >= 1, "an age retirement");
        try (ReplLease lease = p.lease(HEADER)) {
            assertInstanceOf(ReplResponse.CommandResult.class, lease.send(ReplRequest.Command.in(0, "ok")));
        }
    }

    @Test
    void aBadImportFailsAtStartWithTheRealCause() {
        var config = ReplPoolConfig.defaults(2, ScriptedRepl.config(dir), List.of("import NoSuchThing"));
        var e = assertThrows(ReplStartException.class,
                () -> ReplPool.start(config, new ReplCodec(), HostTools.fromEnvironment(), InstantSource.system()));
        assertEquals("repl-1: header 'import NoSuchThing': the header env is unhealthy (#check Nat fails: unknown"
                + " identifier 'Nat'); are its imports built?", e.getMessage());
    }

    @Test
    void aMissingReplCommandFailsAtStart() {
        var config = ReplPoolConfig.defaults(1, ReplProcessConfig.of(List.of(dir.resolve("lake").toString()), dir),
                List.of(HEADER));
        var e = assertThrows(ReplStartException.class,
                () -> ReplPool.start(config, new ReplCodec(), HostTools.fromEnvironment(), InstantSource.system()));
        assertEquals("cannot start the REPL: " + dir.resolve("lake") + " not found (relative to " + dir + "); run"
                + " 'make lean' to set up Lean, or 'stepwise lean doctor' to see what is missing", e.getMessage());
    }

    @Test
    void aLeaseTimeoutReportsThePool() {
        ReplPool p = start(config(1).withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofMillis(200)));
        try (ReplLease held = p.lease(HEADER)) {
            var e = assertThrows(ReplPoolTimeoutException.class, () -> p.lease(HEADER));
            assertEquals("repl-pool: no REPL came free within 200 ms (total 1, idle 0, starting 0, waiting 0)",
                    e.getMessage());
            assertEquals(held.processId(), 1);
        }
        assertEquals(1, p.counters().waits());
    }

    @Test
    void lazyHeadersAreWarmedOncePerProcess() {
        ReplPool p = start(config(1));
        try (ReplLease lease = p.lease("import Aesop")) {
            var first = assertInstanceOf(HeaderEnv.Ready.class, lease.header("import Aesop"));
            var second = assertInstanceOf(HeaderEnv.Ready.class, lease.header("import Aesop"));
            assertEquals(first, second);
            assertEquals(2, first.env());
        }
        try (ReplLease lease = p.lease("import NoSuchThing")) {
            var failed = assertInstanceOf(HeaderEnv.Failed.class, lease.header("import NoSuchThing"));
            assertTrue(failed.reason().startsWith("the header env is unhealthy"), failed.reason());
        }
    }

    @Test
    void closingKillsLeasedProcessesTooAndFailsLaterLeases() throws Exception {
        ReplPool p = start(config(2));
        await(() -> p.counters().idle() == 2, "two processes warm");
        ReplLease held = p.lease(HEADER);
        seenPids.addAll(p.processPids());
        assertEquals(2, seenPids.size());
        p.close();
        assertThrows(ReplCrashException.class, () -> held.send(ReplRequest.Command.in(0, "after close")));
        held.close();
        var e = assertThrows(IllegalStateException.class, () -> p.lease(HEADER));
        assertEquals("repl-pool is closed", e.getMessage());
    }
}
