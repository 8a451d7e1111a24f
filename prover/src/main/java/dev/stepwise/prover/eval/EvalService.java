package dev.stepwise.prover.eval;

import dev.stepwise.lean.PoolCounters;
import dev.stepwise.lean.ReplStartException;
import dev.stepwise.prover.problems.Problem;
import dev.stepwise.prover.run.ProverStack;
import dev.stepwise.prover.store.NewRun;
import dev.stepwise.prover.store.ProblemStatus;
import dev.stepwise.prover.store.Run;
import dev.stepwise.prover.store.RunKind;
import dev.stepwise.prover.store.RunProblem;
import dev.stepwise.prover.store.RunStatus;
import dev.stepwise.prover.store.Simulation;
import dev.stepwise.prover.store.Store;
import dev.stepwise.search.AttemptId;
import dev.stepwise.search.AttemptPlan;
import dev.stepwise.search.AttemptResult;
import dev.stepwise.search.SchedulerConfig;
import dev.stepwise.search.SearchConfig;
import dev.stepwise.search.SearchListener;
import dev.stepwise.search.SearchOutcome;
import dev.stepwise.search.SearchProgress;
import dev.stepwise.search.SearchScheduler;
import dev.stepwise.search.Theorem;
import dev.stepwise.search.TheoremResult;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs the problems of a run through the search scheduler and writes every result to the store
 * the moment it is known: a run killed at any point continues where it stopped, and a resumed
 * run ends with the same rows as an uninterrupted one. Prove and eval both run through here.
 */
public final class EvalService {
    private static final DateTimeFormatter NAME_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private final Store store;
    private final ProverStack stack;
    private final InstantSource clock;
    private final RunObserver observer;
    private final SearchConfig searchConfig;
    private final AttemptPlan plan;
    private final SchedulerConfig scheduling;
    /** Set when the Lean pool gave up starting processes: the run stops with that reason (exit 3). */
    private final AtomicReference<ReplStartException> leanGone = new AtomicReference<>();

    /**
     * @param searchConfig one attempt's search (the plan gives each attempt its alpha and seed)
     * @param plan pass@k: attempts per problem with their alphas and seeds
     * @param scheduling the global caps on attempts, policy requests and Lean calls
     */
    public EvalService(Store store, ProverStack stack, InstantSource clock, RunObserver observer, SearchConfig searchConfig,
            AttemptPlan plan, SchedulerConfig scheduling) {
        this.store = store;
        this.stack = stack;
        this.clock = clock;
        this.observer = observer;
        this.searchConfig = searchConfig;
        this.plan = plan;
        this.scheduling = scheduling;
    }

    /**
     * The run this request continues, if any: the named run, or the latest run with the same
     * configuration (a finished one has nothing left to do, and its results are reported again).
     */
    public Optional<Run> existing(EvalRequest request) {
        return existing(store, request.kind(), request.name(), request.config());
    }

    /** The same lookup without a running stack, to report a finished run before starting Lean. */
    public static Optional<Run> existing(Store store, RunKind kind, String name, EvalConfig config) {
        return name != null ? store.runs().findByName(name) : store.runs().findLatest(kind, config.toJson());
    }


    /**
     * Runs the request's run to its end: the existing one it continues, or a new one.
     *
     * @throws RunBusyException if another invocation is running that run right now
     */
    public StoredRun run(EvalRequest request) {
        record Found(Run run, boolean resumed, RunLock lock) {
        }
        Found found = RunLock.lookingUp(store, () -> {
            Run run = existing(request).orElse(null);
            if (run == null) {
                String name = request.name() != null ? request.name() : defaultName(request);
                run = store.runs().create(new NewRun(name, request.kind(), request.config().dataset(), request.round(),
                        request.config().toJson(), stack.versions(), List.of(request.config().seed()), stack.simulation(),
                        clock.instant()));
                return new Found(run, false, RunLock.acquire(store, run));
            }
            if (!run.kind().equals(request.kind())) {
                throw new RunConflictException("run " + run.name() + " is a " + run.kind().code() + " run, not a "
                        + request.kind().code() + " run; choose another --name");
            }
            return new Found(run, true, RunLock.acquire(store, run));
        });
        try (RunLock held = found.lock()) {
            Run run = found.run();
            if (found.resumed()) {
                store.runs().reopen(run.id());
                if (stack.simulation() == Simulation.SIMULATED && run.simulation() == Simulation.REAL) {
                    // Resumed against the simulator: part of it is simulated, so all of it is labelled so.
                    store.runs().markSimulated(run.id());
                    run = store.runs().find(run.id()).orElseThrow();
                }
            }
            store.problems().add(run.id(), request.problems());
            return execute(run, found.resumed());
        }
    }

    /** Fails at once if the run this request would continue is being run right now; call before starting Lean. */
    public static void requireNotRunning(Store store, RunKind kind, String name, EvalConfig config) {
        existing(store, kind, name, config).ifPresent(r -> RunLock.requireFree(store, r));
    }

    private StoredRun execute(Run run, boolean resumed) {
        List<RunProblem> all = store.problems().list(run.id());
        List<Problem> todo = store.problems().unfinished(run.id());
        int done = all.size() - todo.size();
        int solved = (int) all.stream().filter(p -> p.status() == ProblemStatus.PROVED).count();
        observer.runStarted(run.name(), all.size(), done, solved, resumed);
        Counter counter = new Counter(done, solved, all.size());
        PoolCounters poolBefore = stack.poolCounters();
        Instant searchStart = clock.instant();
        List<CompletableFuture<Void>> futures = new ArrayList<>();
        Run current = run;
        try (SearchScheduler scheduler = new SearchScheduler(scheduling, searchConfig, stack.services(),
                new Listener())) {
            store.problems().start(run.id(), todo.stream().map(Problem::name).toList(), clock.instant());
            for (Problem p : todo) {
                Theorem theorem = p.theorem();
                futures.add(scheduler.submit(theorem, plan)
                        .handle((result, error) -> {
                            record(current, theorem, result, error, counter);
                            return null;
                        }));
            }
            CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).join();
        }
        boolean left = !store.problems().unfinished(run.id()).isEmpty();
        store.runs().finish(run.id(), left ? RunStatus.INTERRUPTED : RunStatus.COMPLETED, clock.instant());
        observer.runFinished(LeanUsage.between(poolBefore, stack.poolCounters(),
                Duration.between(searchStart, clock.instant()), stack.poolSize()));
        ReplStartException gone = leanGone.get();
        if (gone != null) {
            // Every problem after this point would fail the same way: stop as a failed start does.
            throw new ReplStartException(gone.getMessage() + "; run " + run.name()
                    + " is kept, and running the same command again continues it", gone);
        }
        return StoredRun.of(store, store.runs().find(run.id()).orElseThrow());
    }

    private void record(Run run, Theorem theorem, TheoremResult result, Throwable error, Counter counter) {
        Instant now = clock.instant();
        Optional<ReplStartException> noLean = startFailure(error);
        if (noLean.isPresent()) {
            leanGone.compareAndSet(null, noLean.get());
            store.problems().fail(run.id(), theorem.name(), "Lean unavailable: " + noLean.get().getMessage(), now);
        } else if (error != null) {
            store.problems().fail(run.id(), theorem.name(), "internal error: " + error, now);
        } else {
            for (AttemptResult a : result.attempts()) {
                store.attempts().record(AttemptRecords.of(run.id(), theorem, a.attempt(), a.result(), now));
            }
            Optional<String> retry = retryReason(result);
            if (result.proved()) {
                store.problems().finish(run.id(), theorem.name(), ProblemStatus.PROVED, now);
            } else if (retry.isPresent()) {
                store.problems().fail(run.id(), theorem.name(), retry.get(), now);
            } else {
                store.problems().finish(run.id(), theorem.name(), ProblemStatus.UNPROVED, now);
            }
        }
        RunProblem stored = store.problems().find(run.id(), theorem.name()).orElseThrow();
        ProblemResult row = StoredRun.result(stored, store.attempts().forProblem(run.id(), theorem.name()));
        observer.problemFinished(row, counter.done(row), counter.solved(), counter.total());
    }

    /**
     * Why an unproved theorem should be tried again on resume: its search was cut short by the
     * model server or Lean being unavailable, Lean crashed on steps of it beyond recovery (so the
     * no is not Lean's), or not every attempt ran (shutdown). "Unproved" is kept for the model's
     * and Lean's own no.
     */
    private static Optional<String> retryReason(TheoremResult result) {
        for (AttemptResult a : result.attempts()) {
            if (a.result().outcome() instanceof SearchOutcome.Failed f) {
                switch (f.reason()) {
                    case POLICY_UNAVAILABLE -> {
                        return Optional.of("model server unavailable: " + f.detail());
                    }
                    case ENVIRONMENT_FAILURE -> {
                        return Optional.of("Lean unavailable: " + f.detail());
                    }
                    case LEAN_FAULTS -> {
                        return Optional.of("Lean faults, not Lean's answer: " + f.detail());
                    }
                    case CANCELLED -> {
                        return Optional.of("interrupted before the attempt finished");
                    }
                    default -> {
                    }
                }
            }
        }
        if (result.attemptsNotRun() > 0) {
            return Optional.of(result.attemptsNotRun() + " attempt(s) did not run (interrupted)");
        }
        return Optional.empty();
    }


    /** The pool's "gave up starting processes" behind a search's failure, if that is what it was. */
    private static Optional<ReplStartException> startFailure(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof ReplStartException e) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    private String defaultName(EvalRequest request) {
        String base = request.config().dataset().replaceAll("[^A-Za-z0-9_.-]+", "-");
        if (base.length() > 40) {
            base = base.substring(base.length() - 40);
        }
        return request.kind().code() + "-" + base + "-" + NAME_TIME.format(clock.instant());
    }

    /** Counts across threads: problems done and solved, including those of earlier invocations. */
    private static final class Counter {
        private final AtomicInteger done;
        private final AtomicInteger solved;
        private final int total;

        Counter(int done, int solved, int total) {
            this.done = new AtomicInteger(done);
            this.solved = new AtomicInteger(solved);
            this.total = total;
        }

        int done(ProblemResult r) {
            if (r.proved()) {
                solved.incrementAndGet();
            }
            return done.incrementAndGet();
        }

        int solved() {
            return solved.get();
        }

        int total() {
            return total;
        }
    }

    private final class Listener implements SearchListener {
        @Override
        public void progress(AttemptId id, SearchProgress progress) {
            observer.progress(id, progress);
        }
    }
}
