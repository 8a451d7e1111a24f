package dev.stepwise.search;

import static dev.stepwise.search.World.done;
import static dev.stepwise.search.World.error;
import static dev.stepwise.search.World.move;
import static dev.stepwise.search.World.next;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

class SearchSchedulerTest {

    static final SearchConfig CONFIG = SearchTest.BASE;

    /** Counts calls in progress and the most seen at once, from the caller's side of an interface. */
    static final class Meter {
        final AtomicInteger now = new AtomicInteger();
        final AtomicInteger max = new AtomicInteger();

        void in() {
            max.accumulateAndGet(now.incrementAndGet(), Math::max);
        }

        void out() {
            now.decrementAndGet();
        }
    }

    @Test
    void passAtKCancelsTheLosersOnceOneAttemptIsProved() throws Exception {
        World world = SearchTest.deepNarrow();
        List<AttemptId> started = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger progressEvents = new AtomicInteger();
        SearchListener listener = new SearchListener() {
            @Override
            public void attemptStarted(AttemptId id) {
                started.add(id);
            }

            @Override
            public void progress(AttemptId id, SearchProgress progress) {
                progressEvents.incrementAndGet();
            }
        };
        // Alpha 1 proves in 10 expansions and never expands a decoy state. Alpha 0 expands every
        // decoy state scoring above the proof's last step first, a few hundred of them, and the
        // policy answers for decoy states only after 20 ms each: the loser is still searching when
        // the winner is accepted, however the two threads are scheduled.
        TacticPolicy instant = world.policy();
        TacticPolicy slowDecoys = request -> request.state().goals().startsWith("⊢ d")
                ? CompletableFuture.supplyAsync(() -> world.suggestions(request),
                        CompletableFuture.delayedExecutor(20, TimeUnit.MILLISECONDS))
                : instant.suggest(request);
        try (SearchScheduler scheduler = new SearchScheduler(new SchedulerConfig(2, 4, 4, Duration.ofSeconds(10)),
                CONFIG, SearchServices.of(world.environment(), slowDecoys), listener)) {
            TheoremResult r = scheduler.submit(World.THEOREM, new AttemptPlan(4, List.of(0.0, 1.0), 100))
                    .get(30, TimeUnit.SECONDS);

            assertEquals(1, r.winningAttempt());
            assertEquals(10, r.proof().orElseThrow().length());
            assertEquals(List.of(0, 1), r.attempts().stream().map(AttemptResult::attempt).sorted().toList());
            SearchResult loser = r.attempts().stream().filter(a -> a.attempt() == 0).findFirst().orElseThrow().result();
            assertEquals(FailureReason.CANCELLED, loser.failure().orElseThrow());
            assertEquals(101, r.winner().orElseThrow().seed());
            assertEquals(1.0, r.winner().orElseThrow().alpha());
            assertEquals(2, r.attemptsNotRun());
            assertEquals(List.of(new AttemptId("t", 0), new AttemptId("t", 1)),
                    started.stream().sorted(java.util.Comparator.comparingInt(AttemptId::attempt)).toList());
            assertTrue(progressEvents.get() >= 10, "progress events " + progressEvents.get());
            assertEquals(List.of(), scheduler.running());
            assertEquals(0, scheduler.policyRequests().current());
            assertEquals(0, scheduler.tactics().current());
        }
    }

    /** Proofs of depth 3 behind errors; the policy answers on another thread, the environment takes a little time. */
    static SearchServices smallWorld(Meter policy, Meter environment, ExecutorService answers) {
        World world = new World("⊢ s0", goals -> {
            int k = Integer.parseInt(goals.substring(3));
            return List.of(move("bad", -0.1, error("type mismatch")),
                    move("good", -0.2, k == 2 ? done() : next("⊢ s" + (k + 1))), move("worse", -0.3, error("no")));
        });
        ProofEnvironment env = world.environment();
        ProofEnvironment metered = new ProofEnvironment() {
            @Override
            public StartOutcome start(Theorem theorem) {
                environment.in();
                try {
                    return env.start(theorem);
                } finally {
                    environment.out();
                }
            }

            @Override
            public TacticOutcome apply(Theorem theorem, ProofState state, List<String> proofBefore, String tactic) {
                environment.in();
                try {
                    LockSupport.parkNanos(20_000);
                    return env.apply(theorem, state, proofBefore, tactic);
                } finally {
                    environment.out();
                }
            }
        };
        TacticPolicy async = request -> {
            policy.in();
            // The request counts as answered when the answer exists, before the future completes.
            return CompletableFuture.supplyAsync(() -> {
                try {
                    LockSupport.parkNanos(20_000);
                    return world.suggestions(request);
                } finally {
                    policy.out();
                }
            }, answers);
        };
        return SearchServices.of(metered, async);
    }

    @Test
    void aThousandConcurrentSearchesCompleteWithinTheInFlightCaps() throws Exception {
        Meter policy = new Meter();
        Meter environment = new Meter();
        ExecutorService answers = Executors.newFixedThreadPool(4);
        try (SearchScheduler scheduler = new SearchScheduler(new SchedulerConfig(1000, 16, 4, Duration.ofSeconds(10)),
                CONFIG, smallWorld(policy, environment, answers), SearchListener.NONE)) {
            List<CompletableFuture<TheoremResult>> futures = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                futures.add(scheduler.submit(new Theorem("t" + i, "import Mathlib", "theorem t" + i + " : True := by"),
                        AttemptPlan.single(0.0, i)));
            }
            CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);

            for (CompletableFuture<TheoremResult> f : futures) {
                assertEquals(List.of("good", "good", "good"), f.get().proof().orElseThrow().tactics());
            }
            assertTrue(policy.max.get() <= 16, "policy requests in flight " + policy.max.get());
            assertTrue(environment.max.get() <= 4, "environment calls in flight " + environment.max.get());
            assertTrue(policy.max.get() > 1 && environment.max.get() > 1, "the searches ran concurrently");
            assertEquals(policy.max.get(), scheduler.policyRequests().max());
            assertEquals(environment.max.get(), scheduler.tactics().max());
            assertEquals(new InFlight(0, environment.max.get(), 4), scheduler.tactics());
        } finally {
            answers.shutdownNow();
        }
    }

    @Test
    void closeCancelsRunningAndQueuedAttemptsAndLeavesNothingBehind() throws Exception {
        List<CompletableFuture<Suggestions>> requests = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch waiting = new CountDownLatch(4);
        World world = SearchTest.endless();
        TacticPolicy silent = request -> {
            CompletableFuture<Suggestions> f = new CompletableFuture<>();
            requests.add(f);
            waiting.countDown();
            return f;
        };
        // One more attempt than policy slots: it waits for a permit when close() comes.
        SearchScheduler scheduler = new SearchScheduler(new SchedulerConfig(4, 3, 2, Duration.ofSeconds(10)),
                CONFIG, world.services().withPolicy(silent), SearchListener.NONE);
        List<CompletableFuture<TheoremResult>> futures = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            futures.add(scheduler.submit(new Theorem("t" + i, "", "theorem t" + i + " : True := by"),
                    new AttemptPlan(2, List.of(0.5), i)));
        }
        CountDownLatch threeAsked = new CountDownLatch(1);
        while (requests.size() < 3 || scheduler.running().size() < 4) {
            threeAsked.await(1, TimeUnit.MILLISECONDS);
        }
        scheduler.close();

        assertTrue(scheduler.isTerminated());
        assertEquals(List.of(), scheduler.running());
        assertEquals(0, scheduler.policyRequests().current());
        // The fourth attempt may get the permit the first cancelled request gave back before its own
        // cancellation reaches it; every request sent is cancelled either way.
        assertTrue(requests.size() == 3 || requests.size() == 4, "requests " + requests.size());
        assertTrue(requests.stream().allMatch(CompletableFuture::isCancelled));
        int ran = 0;
        int notRun = 0;
        for (CompletableFuture<TheoremResult> f : futures) {
            TheoremResult r = f.get(1, TimeUnit.SECONDS);
            for (AttemptResult a : r.attempts()) {
                assertEquals(FailureReason.CANCELLED, a.result().failure().orElseThrow());
            }
            ran += r.attempts().size();
            notRun += r.attemptsNotRun();
        }
        assertEquals(4, ran);
        assertEquals(2, notRun);
        IllegalStateException closed = assertThrows(IllegalStateException.class,
                () -> scheduler.submit(World.THEOREM, AttemptPlan.single(0, 0)));
        assertEquals("the search scheduler is closed", closed.getMessage());
    }

    @Test
    void anAttemptThatCannotBeCreatedFailsItsTheoremAndTheSchedulerGoesOn() throws Exception {
        // A critic mode with no critic: Search refuses to be created, on the dispatcher thread.
        World world = SearchTest.deepNarrow();
        SearchConfig needsCritic = CONFIG.withCritic(CriticMode.WEIGHTED, 1.0);
        try (SearchScheduler scheduler = new SearchScheduler(new SchedulerConfig(1, 4, 4, Duration.ofSeconds(10)),
                needsCritic, SearchServices.of(world.environment(), world.policy()), new SearchListener() { })) {
            CompletableFuture<TheoremResult> first = scheduler.submit(World.THEOREM, new AttemptPlan(2, List.of(1.0), 7));
            CompletableFuture<TheoremResult> second = scheduler.submit(new Theorem("u", World.THEOREM.header(),
                    World.THEOREM.statement()), new AttemptPlan(1, List.of(1.0), 8));
            for (CompletableFuture<TheoremResult> f : List.of(first, second)) {
                var e = assertThrows(java.util.concurrent.ExecutionException.class, () -> f.get(30, TimeUnit.SECONDS));
                assertEquals("criticMode WEIGHTED needs a critic (StateScorer)", e.getCause().getMessage());
            }
        }
    }

    @Test
    void anAttemptThatThrowsFailsItsTheoremAndCancelsTheOthers() throws Exception {
        World world = SearchTest.endless();
        ProofEnvironment env = world.environment();
        AtomicInteger applies = new AtomicInteger();
        ProofEnvironment faulty = new ProofEnvironment() {
            @Override
            public StartOutcome start(Theorem theorem) {
                return env.start(theorem);
            }

            @Override
            public TacticOutcome apply(Theorem theorem, ProofState state, List<String> proofBefore, String tactic) {
                if (applies.incrementAndGet() == 50) {
                    throw new IllegalStateException("bug in the environment");
                }
                LockSupport.parkNanos(10_000);
                return env.apply(theorem, state, proofBefore, tactic);
            }
        };
        try (SearchScheduler scheduler = new SearchScheduler(new SchedulerConfig(2, 2, 2, Duration.ofSeconds(10)),
                CONFIG, world.services().withEnvironment(faulty), SearchListener.NONE)) {
            CompletableFuture<TheoremResult> f = scheduler.submit(World.THEOREM, new AttemptPlan(3, List.of(0.0), 1));
            java.util.concurrent.ExecutionException e = assertThrows(java.util.concurrent.ExecutionException.class,
                    () -> f.get(30, TimeUnit.SECONDS));
            assertEquals("bug in the environment", e.getCause().getMessage());
        }
    }
}
