package dev.stepwise.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Runs many search attempts at once, each on its own virtual thread, with global caps on policy
 * requests and environment calls in flight (shared fair semaphores: backpressure, not queues).
 *
 * <p>Attempts start in rounds across theorems: attempt 0 of every submitted theorem before
 * attempt 1 of any, as BFS-Prover-V2 interleaves them, so later attempts of a theorem that an
 * earlier one proved never start. When an attempt ends with a proof (already accepted by the
 * services' {@link ProofAcceptor}), the theorem is settled: its other running attempts are
 * cancelled and its waiting ones skipped.
 *
 * <p>{@link #close()} cancels everything, waits for every attempt thread to end and completes
 * every theorem's future; nothing is left running.
 */
public final class SearchScheduler implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(SearchScheduler.class.getName());

    private enum State { RUNNING, CLOSED }

    private final SchedulerConfig config;
    private final SearchConfig searchConfig;
    private final SearchServices services;
    private final SearchListener listener;
    private final InFlightGauge policyGauge;
    private final InFlightGauge tacticGauge;
    private final Semaphore attemptSlots;
    private final PriorityBlockingQueue<Pending> pending = new PriorityBlockingQueue<>(64,
            Comparator.comparingInt(Pending::attempt).thenComparingLong(Pending::order));
    private final AtomicLong submissions = new AtomicLong();
    private final Map<AttemptId, Search> running = new ConcurrentHashMap<>();
    private final ExecutorService attempts = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("search-attempt-", 0).factory());
    private final ReentrantLock stateLock = new ReentrantLock();
    private final Thread dispatcher;
    private State state = State.RUNNING;

    public SearchScheduler(SchedulerConfig config, SearchConfig searchConfig, SearchServices services,
            SearchListener listener) {
        this.config = Objects.requireNonNull(config, "config");
        this.searchConfig = Objects.requireNonNull(searchConfig, "searchConfig");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.policyGauge = new InFlightGauge(config.maxInFlightPolicyRequests());
        this.tacticGauge = new InFlightGauge(config.maxInFlightTactics());
        this.attemptSlots = new Semaphore(config.maxConcurrentAttempts(), true);
        this.services = services
                .withPolicy(new BoundedPolicy(services.policy(), policyGauge))
                .withEnvironment(new BoundedEnvironment(services.environment(), tacticGauge));
        this.dispatcher = Thread.ofVirtual().name("search-dispatcher").start(this::dispatch);
    }

    /**
     * Queues the plan's attempts on {@code theorem}. The future completes when every attempt has
     * finished or been skipped; it completes exceptionally only if an attempt failed with a bug
     * (an exception from the environment, policy or acceptor).
     */
    public CompletableFuture<TheoremResult> submit(Theorem theorem, AttemptPlan plan) {
        Objects.requireNonNull(theorem, "theorem");
        Objects.requireNonNull(plan, "plan");
        TheoremRun run = new TheoremRun(theorem, plan);
        long order = submissions.getAndIncrement();
        stateLock.lock();
        try {
            if (state == State.CLOSED) {
                throw new IllegalStateException("the search scheduler is closed");
            }
            for (int i = 0; i < plan.attempts(); i++) {
                pending.add(new Pending(run, i, order));
            }
        } finally {
            stateLock.unlock();
        }
        return run.future;
    }

    /** The attempts running now with their counters. */
    public List<AttemptProgress> running() {
        List<AttemptProgress> list = new ArrayList<>();
        running.forEach((id, search) -> list.add(new AttemptProgress(id, search.progress())));
        list.sort(Comparator.comparing((AttemptProgress p) -> p.id().theorem()).thenComparingInt(p -> p.id().attempt()));
        return list;
    }

    public InFlight policyRequests() {
        return policyGauge.snapshot();
    }

    public InFlight tactics() {
        return tacticGauge.snapshot();
    }

    /** Whether every attempt thread and the dispatcher have ended (after {@link #close()}). */
    public boolean isTerminated() {
        return attempts.isTerminated() && !dispatcher.isAlive();
    }

    /**
     * Cancels every attempt, skips the queued ones, and waits up to the configured timeout for the
     * attempt threads to end (twice: the second time after interrupting them). Idempotent.
     */
    @Override
    public void close() {
        stateLock.lock();
        try {
            if (state == State.CLOSED) {
                return;
            }
            state = State.CLOSED;
        } finally {
            stateLock.unlock();
        }
        dispatcher.interrupt();
        running.values().forEach(Search::cancel);
        List<Pending> left = new ArrayList<>();
        attempts.shutdown();
        try {
            dispatcher.join(config.closeTimeout().toMillis() + 1);
            if (!attempts.awaitTermination(config.closeTimeout().toNanos(), TimeUnit.NANOSECONDS)) {
                LOG.log(System.Logger.Level.WARNING, "search attempts still running {0} after close; interrupting them",
                        config.closeTimeout());
                attempts.shutdownNow();
                if (!attempts.awaitTermination(config.closeTimeout().toNanos(), TimeUnit.NANOSECONDS)) {
                    LOG.log(System.Logger.Level.WARNING, "{0} search attempts did not end after close", running.size());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        pending.drainTo(left);
        left.forEach(p -> p.run.skipped());
    }

    // ---- dispatching ----

    private void dispatch() {
        Pending next = null;
        try {
            while (true) {
                next = pending.take();
                if (!next.run.isSettled()) {
                    attemptSlots.acquire();
                    boolean started;
                    try {
                        started = start(next);
                    } catch (RuntimeException | Error e) {
                        // An attempt that cannot even be made (a bug, a configuration the search
                        // refuses) fails its theorem, as one that throws while running does. The
                        // dispatcher lives on: were it to die, every queued theorem would wait forever.
                        attemptSlots.release();
                        next.run.crashed(next.attempt, e);
                        next = null;
                        continue;
                    }
                    if (!started) {
                        attemptSlots.release();
                        next.run.skipped();
                    }
                } else {
                    next.run.skipped();
                }
                next = null;
            }
        } catch (InterruptedException e) {
            // close() interrupts the dispatcher: nothing more starts, and the attempt in hand is skipped.
            if (next != null) {
                next.run.skipped();
            }
            Thread.currentThread().interrupt();
        }
    }

    private boolean start(Pending p) {
        stateLock.lock();
        try {
            if (state == State.CLOSED || p.run.isSettled()) {
                return false;
            }
            AttemptId id = new AttemptId(p.run.theorem.name(), p.attempt);
            Search search = Search.create(p.run.theorem, searchConfig.withAlpha(p.run.plan.alpha(p.attempt)),
                    p.run.plan.seed(p.attempt), services, progress -> tell(() -> listener.progress(id, progress)));
            running.put(id, search);
            p.run.started(p.attempt, search);
            attempts.execute(() -> runAttempt(p.run, id, search));
            return true;
        } finally {
            stateLock.unlock();
        }
    }

    private void runAttempt(TheoremRun run, AttemptId id, Search search) {
        try {
            tell(() -> listener.attemptStarted(id));
            SearchResult result;
            try {
                result = search.run();
            } finally {
                running.remove(id);
            }
            tell(() -> listener.attemptFinished(id, result));
            run.finished(id.attempt(), result);
        } catch (RuntimeException | Error e) {
            run.crashed(id.attempt(), e);
        } finally {
            // Only now, after the theorem is settled, may the dispatcher start another attempt:
            // so a proved theorem's queued attempts are skipped, not started.
            attemptSlots.release();
        }
    }

    private void tell(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "search listener failed", e);
        }
    }

    private record Pending(TheoremRun run, int attempt, long order) {
    }

    /** The attempts of one theorem: which run, which are done, and whether it is settled. */
    private final class TheoremRun {
        final Theorem theorem;
        final AttemptPlan plan;
        final CompletableFuture<TheoremResult> future = new CompletableFuture<>();
        private final ReentrantLock lock = new ReentrantLock();
        private final Map<Integer, Search> live = new HashMap<>();
        private final List<AttemptResult> results = new ArrayList<>();
        private int outstanding;
        private int notRun;
        private int winner = TheoremResult.NONE;
        private Throwable failure;

        TheoremRun(Theorem theorem, AttemptPlan plan) {
            this.theorem = theorem;
            this.plan = plan;
            this.outstanding = plan.attempts();
        }

        boolean isSettled() {
            lock.lock();
            try {
                return winner != TheoremResult.NONE || failure != null;
            } finally {
                lock.unlock();
            }
        }

        void started(int attempt, Search search) {
            lock.lock();
            try {
                live.put(attempt, search);
            } finally {
                lock.unlock();
            }
        }

        void finished(int attempt, SearchResult result) {
            List<Search> losers = List.of();
            lock.lock();
            try {
                live.remove(attempt);
                results.add(new AttemptResult(attempt, result));
                if (result.proved() && winner == TheoremResult.NONE && failure == null) {
                    winner = attempt;
                    losers = List.copyOf(live.values());
                }
                outstanding--;
            } finally {
                lock.unlock();
            }
            losers.forEach(Search::cancel);
            completeIfDone();
        }

        void crashed(int attempt, Throwable e) {
            List<Search> others;
            lock.lock();
            try {
                live.remove(attempt);
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
                others = List.copyOf(live.values());
                outstanding--;
            } finally {
                lock.unlock();
            }
            others.forEach(Search::cancel);
            completeIfDone();
        }

        void skipped() {
            lock.lock();
            try {
                notRun++;
                outstanding--;
            } finally {
                lock.unlock();
            }
            completeIfDone();
        }

        private void completeIfDone() {
            TheoremResult result;
            Throwable failed;
            lock.lock();
            try {
                if (outstanding > 0 || future.isDone()) {
                    return;
                }
                failed = failure;
                result = failed == null ? new TheoremResult(theorem, winner, results, notRun) : null;
            } finally {
                lock.unlock();
            }
            if (failed != null) {
                future.completeExceptionally(failed);
                return;
            }
            tell(() -> listener.theoremFinished(result));
            future.complete(result);
        }
    }
}
