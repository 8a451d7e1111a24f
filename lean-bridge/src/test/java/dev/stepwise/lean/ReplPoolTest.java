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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
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
        try (ReplLease again = p.lease(HEADER, Set.of(id), 1)) {
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
    void aPoolThatCanNoLongerStartAnyProcessFailsItsLeasesWithTheReason() {
        // Starts once, then never again (as when the Lean project is broken under a running pool).
        String once = "if [ -e started ]; then echo 'error: unknown module prefix Mathlib' >&2; exit 1; fi\n"
                + "touch started\n" + ScriptedRepl.SCRIPT;
        var process = new ReplProcessConfig(List.of("bash", "-c", once), dir, java.util.Map.of(), 0, Sandbox.OFF, dir,
                Duration.ofSeconds(5));
        ReplPool p = start(ReplPoolConfig.defaults(1, process, List.of(HEADER))
                .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(20))
                .withHousekeeping(Duration.ofMillis(50), Duration.ofMillis(20), Duration.ofMillis(200),
                        Duration.ofMinutes(1)));
        try (ReplLease lease = p.lease(HEADER)) {
            seenPids.addAll(p.processPids());
            assertThrows(ReplCrashException.class, () -> lease.send(ReplRequest.Command.in(0, "crash")));
        }
        // Not the lease timeout with the pool retrying behind it: the start failure, once the pool gave up.
        var gaveUp = assertThrows(ReplStartException.class, () -> p.lease(HEADER));
        assertTrue(gaveUp.getMessage().startsWith("repl-pool: no REPL process could be started in "
                + ReplPool.FAILED_STARTS_BEFORE_BROKEN + " tries in a row and none is running; last failure: repl-"),
                gaveUp.getMessage());
        assertTrue(gaveUp.getMessage().endsWith("; last stderr: error: unknown module prefix Mathlib"),
                gaveUp.getMessage());
        assertEquals(java.util.Optional.of(gaveUp.getMessage()), p.brokenReason());
        var later = assertThrows(ReplStartException.class, () -> p.lease(HEADER, Set.of(), 0));
        assertEquals(gaveUp.getMessage(), later.getMessage());
        assertEquals(0, p.awaitStarted(Duration.ofSeconds(20)));
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
        // Both processes start at once; whichever reports first names itself.
        assertEquals("header 'import NoSuchThing': the header env is unhealthy (#check Nat fails: unknown"
                + " identifier 'Nat'); are its imports built?", e.getMessage().replaceFirst("^repl-[12]: ", ""));
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
        // each process tree is at least the REPL (with the parent guard, also the guard and its watcher)
        assertTrue(seenPids.size() >= 2, seenPids.toString());
        p.close();
        assertThrows(ReplCrashException.class, () -> held.send(ReplRequest.Command.in(0, "after close")));
        held.close();
        var e = assertThrows(IllegalStateException.class, () -> p.lease(HEADER));
        assertEquals("repl-pool is closed", e.getMessage());
    }

    // ---- who gets a process that comes back ----

    /** A pool of two processes, both leased, whose callers wait up to ten minutes for their owners. */
    private ReplPool twoLeasedProcesses() throws InterruptedException {
        ReplPool p = start(config(2).withOwnerWait(Duration.ofMinutes(10)));
        await(() -> p.counters().idle() == 2, "two processes warm");
        return p;
    }

    /** Starts a caller on its own thread and waits until it queues. */
    private static CompletableFuture<ReplLease> queued(ReplPool p, Set<Long> owners, int rebuild)
            throws InterruptedException {
        long before = p.counters().waits();
        CompletableFuture<ReplLease> lease = CompletableFuture.supplyAsync(() -> p.lease(HEADER, owners, rebuild),
                runnable -> Thread.ofVirtual().start(runnable));
        await(() -> p.counters().waits() == before + 1, "the caller queues");
        return lease;
    }

    @Test
    void aCallerWaitsForItsOwnerWhileLaterCallersTakeOtherProcesses() throws Exception {
        ReplPool p = twoLeasedProcesses();
        ReplLease a = p.lease(HEADER);
        ReplLease b = p.lease(HEADER);
        CompletableFuture<ReplLease> forA = queued(p, Set.of(a.processId()), 100);
        CompletableFuture<ReplLease> any = queued(p, Set.of(), 0);
        b.close();
        try (ReplLease got = any.get(20, TimeUnit.SECONDS)) {
            assertEquals(b.processId(), got.processId(), "the process that came back went to the caller it suits");
            assertFalse(forA.isDone(), "the owner's caller still waits: rebuilding costs more than its wait");
        }
        a.close();
        try (ReplLease got = forA.get(20, TimeUnit.SECONDS)) {
            assertEquals(a.processId(), got.processId());
        }
        PoolCounters c = p.counters();
        assertEquals(List.of(2L, 1L, 0L), List.of(c.waits(), c.ownerWaits(), c.takeovers()));
    }

    @Test
    void aProcessThatWouldSitIdleTakesOverTheCallerWithTheLongestWaitAtItsOwner() throws Exception {
        ReplPool p = twoLeasedProcesses();
        ReplLease a = p.lease(HEADER);
        ReplLease b = p.lease(HEADER);
        Set<Long> owner = Set.of(a.processId());
        CompletableFuture<ReplLease> first = queued(p, owner, 0);
        CompletableFuture<ReplLease> second = queued(p, owner, 0);
        CompletableFuture<ReplLease> third = queued(p, owner, 2);
        b.close();
        // ahead of them at the owner: 0, 1 and 2 callers; rebuilding costs 0, 0 and 2 commands
        try (ReplLease got = second.get(20, TimeUnit.SECONDS)) {
            assertEquals(b.processId(), got.processId());
        }
        assertEquals(1, p.counters().takeovers());
        // back again: the first waits no longer than its rebuild, the third's rebuild costs its wait
        assertEquals(1, p.counters().idle(), "no caller gains from the process, so it is idle");
        a.close();
        try (ReplLease got = first.get(20, TimeUnit.SECONDS)) {
            assertEquals(a.processId(), got.processId());
            assertFalse(third.isDone());
        }
        third.get(20, TimeUnit.SECONDS).close();
        assertEquals(1, p.counters().takeovers());
    }

    @Test
    void aCallerArrivingToALongQueueTakesAnIdleProcess() throws Exception {
        ReplPool p = twoLeasedProcesses();
        ReplLease a = p.lease(HEADER);
        Set<Long> owner = Set.of(a.processId());
        CompletableFuture<ReplLease> queuedFirst = queued(p, owner, 0);
        assertEquals(1, p.counters().idle());
        try (ReplLease got = p.lease(HEADER, owner, 0)) {
            assertNotEquals(a.processId(), got.processId(), "one caller ahead at the owner, rebuilding costs nothing");
            assertEquals(1, p.counters().takeovers());
        }
        a.close();
        queuedFirst.get(20, TimeUnit.SECONDS).close();
    }

    @Test
    void aCallerWhoseOwnerDiesStopsWaitingForIt() throws Exception {
        ReplPool p = twoLeasedProcesses();
        ReplLease a = p.lease(HEADER);
        ReplLease b = p.lease(HEADER);
        CompletableFuture<ReplLease> forA = queued(p, Set.of(a.processId()), 100);
        assertThrows(ReplCrashException.class, () -> a.send(ReplRequest.Command.in(0, "crash")));
        a.close();
        try (ReplLease got = forA.get(20, TimeUnit.SECONDS)) {
            assertNotEquals(a.processId(), got.processId(), "served by the replacement or b, long before the owner wait");
        }
        b.close();
    }

    @Test
    void anInterruptedCallerLeavesTheQueueAndThePoolGoesOn() throws Exception {
        ReplPool p = twoLeasedProcesses();
        ReplLease a = p.lease(HEADER);
        ReplLease b = p.lease(HEADER);
        CompletableFuture<Throwable> failure = new CompletableFuture<>();
        Thread caller = Thread.ofVirtual().start(() -> {
            try {
                p.lease(HEADER).close();
                failure.complete(null);
            } catch (IllegalStateException e) {
                failure.complete(new IllegalStateException(e.getMessage() + "; interrupted: "
                        + Thread.currentThread().isInterrupted()));
            }
        });
        await(() -> p.counters().waits() == 1, "the caller queues");
        caller.interrupt();
        assertEquals("repl-pool: interrupted while waiting for a REPL; interrupted: true",
                failure.get(20, TimeUnit.SECONDS).getMessage());
        a.close();
        b.close();
        assertEquals(2, p.counters().idle(), "nobody waits for the processes that came back");
        try (ReplLease again = p.lease(HEADER)) {
            assertInstanceOf(ReplResponse.CommandResult.class, again.send(ReplRequest.Command.in(0, "ok")));
        }
    }

    @Test
    void closingFailsTheCallersStillWaiting() throws Exception {
        ReplPool p = twoLeasedProcesses();
        ReplLease a = p.lease(HEADER);
        ReplLease b = p.lease(HEADER);
        CompletableFuture<ReplLease> waiting = queued(p, Set.of(a.processId()), 0);
        p.close();
        var e = assertThrows(ExecutionException.class, () -> waiting.get(20, TimeUnit.SECONDS));
        assertEquals("repl-pool is closed", e.getCause().getMessage());
        a.close();
        b.close();
    }
}
