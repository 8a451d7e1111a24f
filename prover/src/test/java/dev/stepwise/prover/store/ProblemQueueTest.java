package dev.stepwise.prover.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** A shared run's problems as leases: claims, expiry, heartbeat and the fence, on SQLite and on PostgreSQL. */
@ParameterizedClass
@EnumSource(TestEngine.class)
class ProblemQueueTest {
    private static final Duration LEASE = Duration.ofMinutes(2);

    @Parameter
    TestEngine engine;
    @TempDir
    Path dir;
    private TestEngine.Place place;
    private Store store;
    private RunId run;

    @BeforeEach
    void open() {
        place = engine.place(dir);
        store = place.open();
        run = store.runs().create(Samples.run("shared")).id();
    }

    @AfterEach
    void close() {
        try (TestEngine.Place p = place) {
            if (store != null) {
                store.close();
            }
        }
    }

    @Test
    void claimsHandOutEachProblemOnceInOrderUntilNoneIsLeft() {
        store.problems().add(run, Samples.problems(3));
        List<String> claimed = new ArrayList<>();
        Optional<Lease> lease;
        while ((lease = store.queue().claim(run, "host-a:1", Samples.T0, LEASE)).isPresent()) {
            claimed.add(lease.get().problem());
            assertEquals(1, lease.get().token());
            assertEquals(Samples.T0.plus(LEASE), lease.get().expiresAt());
        }
        assertEquals(List.of("p0000", "p0001", "p0002"), claimed);
        assertEquals(3, store.queue().unfinished(run), "leased problems are not finished");
    }

    @Test
    void aLeaseThatRanOutReturnsItsProblemAndTheStaleHoldersLateWritesAreRefused() {
        store.problems().add(run, Samples.problems(1));
        Lease stale = store.queue().claim(run, "host-a:1", Samples.T0, LEASE).orElseThrow();
        store.queue().recordAttempt(stale, Samples.failedAttempt(run, "p0000", 0));
        assertTrue(store.queue().claim(run, "host-b:2", Samples.T0.plusSeconds(60), LEASE).isEmpty(), "claimed a live lease");

        Instant later = Samples.T0.plus(LEASE).plusSeconds(1);
        Lease fresh = store.queue().claim(run, "host-b:2", later, LEASE).orElseThrow();
        assertEquals(new Lease(run, "p0000", 2, "host-b:2", later.plus(LEASE)), fresh);
        assertEquals(List.of(), store.attempts().forProblem(run, "p0000"), "the dead holder's attempts stay behind");

        LeaseLostException attempt = assertThrows(LeaseLostException.class,
                () -> store.queue().recordAttempt(stale, Samples.provedAttempt(run, "p0000", 0, 3, "")));
        assertEquals("problem p0000 of run " + run + ": lease 1 of host-a:1 was lost (the problem is now running under lease 2 "
                + "of host-b:2); its write is refused", attempt.getMessage());
        assertThrows(LeaseLostException.class, () -> store.queue().finish(stale, ProblemStatus.PROVED, later));
        assertTrue(store.queue().renew(stale, later, LEASE).isEmpty(), "a lost lease was renewed");

        store.queue().recordAttempt(fresh, Samples.failedAttempt(run, "p0000", 0));
        store.queue().finish(fresh, ProblemStatus.UNPROVED, later.plusSeconds(5));
        LeaseLostException afterFinish = assertThrows(LeaseLostException.class,
                () -> store.queue().finish(stale, ProblemStatus.PROVED, later.plusSeconds(6)));
        assertEquals("problem p0000 of run " + run + ": lease 1 of host-a:1 was lost (the problem is now unproved under "
                + "lease 2); its write is refused", afterFinish.getMessage());
        assertEquals(ProblemStatus.UNPROVED, store.problems().find(run, "p0000").orElseThrow().status());
        assertEquals(1, store.attempts().forProblem(run, "p0000").size());
        assertEquals(0, store.queue().unfinished(run));
    }

    @Test
    void theHeartbeatKeepsALeasePastItsFirstExpiry() {
        store.problems().add(run, Samples.problems(1));
        Lease lease = store.queue().claim(run, "host-a:1", Samples.T0, LEASE).orElseThrow();
        Instant beat = Samples.T0.plusSeconds(100);
        Lease renewed = store.queue().renew(lease, beat, LEASE).orElseThrow();
        assertEquals(beat.plus(LEASE), renewed.expiresAt());
        assertTrue(store.queue().claim(run, "host-b:2", Samples.T0.plus(LEASE).plusSeconds(1), LEASE).isEmpty(),
                "a renewed lease was taken at its first expiry");
        store.queue().finish(renewed, ProblemStatus.PROVED, beat.plusSeconds(1));
        assertEquals(ProblemStatus.PROVED, store.problems().find(run, "p0000").orElseThrow().status());
    }

    /** A search cut short by faults ends its lease as an error for a resume, never as a verdict, behind the same fence. */
    @Test
    void aFaultEndsTheLeaseAsAnErrorWithItsReasonNotAsUnproved() {
        store.problems().add(run, Samples.problems(2));
        Lease cut = store.queue().claim(run, "host-a:1", Samples.T0, LEASE).orElseThrow();
        assertThrows(IllegalArgumentException.class,
                () -> store.queue().fail(cut, ProblemStatus.UNPROVED, "Lean unavailable", Samples.T0));
        assertThrows(IllegalArgumentException.class, () -> store.queue().finish(cut, ProblemStatus.ERROR, Samples.T0));
        store.queue().fail(cut, ProblemStatus.ERROR, "Lean unavailable: crashed 3 times", Samples.T0.plusSeconds(1));
        RunProblem row = store.problems().find(run, "p0000").orElseThrow();
        assertEquals(ProblemStatus.ERROR, row.status());
        assertEquals("Lean unavailable: crashed 3 times", row.error());
        assertThrows(LeaseLostException.class,
                () -> store.queue().fail(cut, ProblemStatus.STATEMENT_ERROR, "unknown identifier", Samples.T0.plusSeconds(2)));

        Lease refused = store.queue().claim(run, "host-a:1", Samples.T0, LEASE).orElseThrow();
        store.queue().fail(refused, ProblemStatus.STATEMENT_ERROR, "unknown identifier 'foo'", Samples.T0.plusSeconds(3));
        assertEquals(ProblemStatus.STATEMENT_ERROR, store.problems().find(run, "p0001").orElseThrow().status());
        assertEquals(0, store.queue().unfinished(run));
    }

    /** A write retried because its commit's answer was lost (the server went away) is recognised as done. */
    @Test
    void aWriteRetriedWithTheSameLeaseIsDoneOnce() {
        store.problems().add(run, Samples.problems(1));
        Lease lease = store.queue().claim(run, "host-a:1", Samples.T0, LEASE).orElseThrow();
        long first = store.queue().recordAttempt(lease, Samples.failedAttempt(run, "p0000", 0));
        assertEquals(first, store.queue().recordAttempt(lease, Samples.failedAttempt(run, "p0000", 0)));
        store.queue().finish(lease, ProblemStatus.UNPROVED, Samples.T0);
        store.queue().finish(lease, ProblemStatus.UNPROVED, Samples.T0);
        assertEquals(1, store.attempts().forProblem(run, "p0000").size());
        assertEquals(ProblemStatus.UNPROVED, store.problems().find(run, "p0000").orElseThrow().status());
    }

    @Test
    void aReleasedProblemIsClaimedAgainAtOnce() {
        store.problems().add(run, Samples.problems(1));
        Lease lease = store.queue().claim(run, "host-a:1", Samples.T0, LEASE).orElseThrow();
        assertTrue(store.queue().release(lease));
        assertEquals(2, store.queue().claim(run, "host-b:2", Samples.T0, LEASE).orElseThrow().token());
    }

    /** Workers with stores of their own (connection pools, as on separate hosts) share the run: each problem finishes once. */
    @Test
    void workersWithStoresOfTheirOwnFinishEveryProblemExactlyOnce() throws Exception {
        int problems = 40;
        int workers = 4;
        store.problems().add(run, Samples.problems(problems));
        List<String> finished = Collections.synchronizedList(new ArrayList<>());
        List<Future<?>> running = new ArrayList<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(workers)) {
            for (int w = 0; w < workers; w++) {
                String owner = "host-" + w + ":1";
                running.add(threads.submit(() -> {
                    try (Store own = place.open(Duration.ofSeconds(30))) {
                        Optional<Lease> lease;
                        while ((lease = own.queue().claim(run, owner, Samples.T0, LEASE)).isPresent()) {
                            own.queue().recordAttempt(lease.get(), Samples.failedAttempt(run, lease.get().problem(), 0));
                            own.queue().finish(lease.get(), ProblemStatus.UNPROVED, Samples.T0);
                            finished.add(lease.get().problem());
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : running) {
                f.get();
            }
        }
        assertEquals(Samples.problems(problems).stream().map(p -> p.name()).toList(), finished.stream().sorted().toList());
        assertEquals(problems, store.attempts().forRun(run).size());
        assertEquals(0, store.queue().unfinished(run));
    }
}
