package dev.stepwise.prover.eval;

import dev.stepwise.lean.PoolCounters;
import dev.stepwise.lean.ReplStartException;
import dev.stepwise.prover.problems.Problem;
import dev.stepwise.prover.run.ProverStack;
import dev.stepwise.prover.run.ModeAttempts;
import dev.stepwise.prover.run.SketchAttempts;
import dev.stepwise.prover.store.SketchHole;
import dev.stepwise.prover.run.WholeProofAttempts;
import dev.stepwise.search.AttemptMode;
import java.util.EnumMap;
import java.util.Map;
import dev.stepwise.prover.store.NewRun;
import dev.stepwise.prover.store.ProblemStatus;
import dev.stepwise.prover.store.Run;
import dev.stepwise.prover.store.RunProblem;
import dev.stepwise.prover.store.RunStatus;
import dev.stepwise.prover.store.Simulation;
import dev.stepwise.prover.store.Store;
import dev.stepwise.prover.store.Versions;
import dev.stepwise.search.AttemptId;
import dev.stepwise.search.AttemptPlan;
import dev.stepwise.search.AttemptResult;
import dev.stepwise.search.SchedulerConfig;
import dev.stepwise.search.SearchConfig;
import dev.stepwise.search.SearchListener;
import dev.stepwise.search.FailureReason;
import dev.stepwise.search.SearchOutcome;
import dev.stepwise.search.SearchProgress;
import dev.stepwise.search.SearchScheduler;
import dev.stepwise.search.Theorem;
import dev.stepwise.search.TheoremResult;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Runs the problems of a run through the search scheduler and writes every result to the store
 * the moment it is known: a run killed at any point continues where it stopped, and a resumed
 * run ends with the same rows as an uninterrupted one. Prove and eval both run through here. A
 * run ends as an {@link EvalReport}, with its result files written: callers print it.
 */
public final class EvalService {
    /**
     * How the error of a statement whose search Lean's faults decided begins (Lean gave no answer
     * to some of its steps, on fresh processes too): retried on resume, never a final no.
     */
    public static final String LEAN_FAULTS = "Lean faults, not Lean's answer: ";


    private final Store store;
    private final ProverStack stack;
    private final InstantSource clock;
    private final RunObserver observer;
    private final SearchConfig searchConfig;
    private final AttemptPlan plan;
    private final SchedulerConfig scheduling;
    private final ResultsOutput results;
    /** The modes a theorem is tried by, in order (mixed mode: the next only when the one before proved nothing). */
    private final List<AttemptMode> order;
    /** The attempts of every mode in {@link #order} but step (the step search's scheduler lives in one execution). */
    private final Map<AttemptMode, ModeAttempts> others;
    /** This process as leases name it, when the run's problems go through the store's queue; else null. */
    private final String sharedOwner;
    /** In a shared run, whether this process searches too (else it only follows the workers). */
    private final boolean searchHere;
    /** Set when the Lean pool gave up starting processes: the run stops with that reason (exit 3). */
    private final AtomicReference<ReplStartException> leanGone = new AtomicReference<>();

    /**
     * @param searchConfig one attempt's search (the plan gives each attempt its alpha and seed)
     * @param plan pass@k: attempts per problem with their alphas and seeds
     * @param scheduling the global caps on attempts, policy requests and Lean calls
     */
    public EvalService(Store store, ProverStack stack, InstantSource clock, RunObserver observer, SearchConfig searchConfig,
            AttemptPlan plan, SchedulerConfig scheduling) {
        this(store, stack, clock, observer, searchConfig, plan, scheduling, ResultsOutput.NONE);
    }

    /** @param results where the finished run's result files go (none for prove and the rounds) */
    public EvalService(Store store, ProverStack stack, InstantSource clock, RunObserver observer, SearchConfig searchConfig,
            AttemptPlan plan, SchedulerConfig scheduling, ResultsOutput results) {
        this(store, stack, clock, observer, searchConfig, plan, scheduling, results, null);
    }

    /**
     * @param wholeProofs when not null, the run is in whole-proof mode: each problem's attempts
     *     sample complete proofs through it (each checked by the stack's gate) instead of searching
     */
    public EvalService(Store store, ProverStack stack, InstantSource clock, RunObserver observer, SearchConfig searchConfig,
            AttemptPlan plan, SchedulerConfig scheduling, ResultsOutput results, WholeProofAttempts wholeProofs) {
        this(store, stack, clock, observer, searchConfig, plan, scheduling, results,
                wholeProofs == null ? List.of(AttemptMode.STEP) : List.of(AttemptMode.WHOLE_PROOF),
                wholeProofs == null ? List.of() : List.of(wholeProofs));
    }

    /**
     * @param order the modes each theorem is tried by, in order, until one proves it (one mode, or
     *     several: mixed mode); each attempt is stored with its mode
     * @param others the attempts of each mode of {@code order} other than step
     */
    public EvalService(Store store, ProverStack stack, InstantSource clock, RunObserver observer, SearchConfig searchConfig,
            AttemptPlan plan, SchedulerConfig scheduling, ResultsOutput results, List<AttemptMode> order,
            List<ModeAttempts> others) {
        this(store, stack, clock, observer, searchConfig, plan, scheduling, results, order, byMode(order, others), null, true);
    }

    private static Map<AttemptMode, ModeAttempts> byMode(List<AttemptMode> order, List<ModeAttempts> others) {
        Map<AttemptMode, ModeAttempts> out = new EnumMap<>(AttemptMode.class);
        others.forEach(o -> out.put(o.mode(), o));
        for (AttemptMode m : order) {
            if (m != AttemptMode.STEP && !out.containsKey(m)) {
                throw new IllegalArgumentException("mode " + m.code() + " is in the order but has no attempts");
            }
        }
        if (order.isEmpty()) {
            throw new IllegalArgumentException("no mode to try theorems by");
        }
        return out;
    }

    private EvalService(Store store, ProverStack stack, InstantSource clock, RunObserver observer, SearchConfig searchConfig,
            AttemptPlan plan, SchedulerConfig scheduling, ResultsOutput results, List<AttemptMode> order,
            Map<AttemptMode, ModeAttempts> others, String sharedOwner, boolean searchHere) {
        this.sharedOwner = sharedOwner;
        this.searchHere = searchHere;
        this.order = List.copyOf(order);
        this.others = others;
        this.store = store;
        this.stack = stack;
        this.clock = clock;
        this.observer = observer;
        this.searchConfig = searchConfig;
        this.plan = plan;
        this.scheduling = scheduling;
        this.results = results;
    }

    /**
     * The same service, searching the run's problems as it claims them from the store's queue
     * ({@link QueuedSearch}), so that {@code stepwise worker --run NAME} processes on other hosts
     * share the run: the run is created (and locked) here as always; the workers take no run lock.
     *
     * @param owner this process, as leases name it
     * @param searchHere whether this process searches too, or only follows the workers' progress
     *     until no problem is left
     */
    public EvalService shared(String owner, boolean searchHere) {
        if (!order.equals(List.of(AttemptMode.STEP)) && !order.equals(List.of(AttemptMode.WHOLE_PROOF))) {
            throw new IllegalArgumentException("a shared run searches step by step or samples whole proofs; " + order
                    + " is not shared yet");
        }
        return new EvalService(store, stack, clock, observer, searchConfig, plan, scheduling, results, order, others, owner,
                searchHere);
    }

    /**
     * The report of a run as stored, with its result files written; for a finished run, without
     * Lean or the model.
     */
    public static EvalReport report(Store store, Run run, ResultsOutput output) {
        StoredRun stored = StoredRun.of(store, run);
        RunInfo info = stored.info();
        List<ProblemResult> results = stored.results();
        return new EvalReport(run, info, results, output.write(run.name(), info, results));
    }

    /**
     * Runs the request's run to its end: the existing one it continues, or a new one.
     *
     * @throws RunBusyException if another invocation is running that run right now
     */
    public EvalReport run(EvalRequest request) {
        try (RunClaim claim = RunLookup.claim(store, request)) {
            return run(request, claim);
        }
    }

    /**
     * Runs the run {@code claim} found for {@code request} to its end, and writes its result files.
     * A finished run is run again as a resumed one (nothing is left to search); the caller still
     * closes the claim.
     *
     * @throws RunBusyException if another invocation is running that run right now
     */
    public EvalReport run(EvalRequest request, RunClaim claim) {
        return switch (claim) {
            case RunClaim.Held held -> resume(request, held.run());
            case RunClaim.Finished finished -> {
                try (RunLock held = RunLock.acquire(store, finished.run())) {
                    yield resume(request, finished.run());
                }
            }
            case RunClaim.Fresh fresh -> {
                record Found(Run run, boolean resumed, RunLock lock) {
                }
                // Another invocation may have created this run since the claim; then it is continued (or found busy).
                Found found = RunLock.lookingUp(store, () -> {
                    Optional<Run> since = RunLookup.existing(store, request);
                    if (since.isPresent()) {
                        return new Found(since.get(), true, RunLock.acquire(store, since.get()));
                    }
                    String name = request.name() != null ? request.name() : RunLookup.freeName(store, RunLookup.defaultName(request, clock.instant()));
                    Run run = store.runs().create(new NewRun(name, request.kind(), request.config().dataset(), request.round(),
                            request.config().toJson(), versions(), List.of(request.config().seed()),
                            stack.simulation(), clock.instant()));
                    return new Found(run, false, RunLock.acquire(store, run));
                });
                try (RunLock held = found.lock()) {
                    if (found.resumed()) {
                        yield resume(request, found.run());
                    }
                    store.problems().add(found.run().id(), request.problems());
                    yield execute(found.run(), false);
                }
            }
        };
    }

    /**
     * What the run records as produced by: the stack's, with the whole-proof model and its format
     * when whole proofs are the run's only mode (a mixed run's step search keeps the step model's name).
     */
    private Versions versions() {
        return order.equals(List.of(AttemptMode.WHOLE_PROOF)) ? stack.versions().withModel(wholeProofs().model())
                : stack.versions();
    }

    /** The whole-proof attempts of a run in whole-proof mode, else null. */
    private WholeProofAttempts wholeProofs() {
        return others.get(AttemptMode.WHOLE_PROOF) instanceof WholeProofAttempts w ? w : null;
    }

    /** Continues a stored run the caller holds the lock of: a run of another kind is refused. */

    private EvalReport resume(EvalRequest request, Run found) {
        Run run = found;
        if (!run.kind().equals(request.kind())) {
            throw new RunConflictException("run " + run.name() + " is a " + run.kind().code() + " run, not a "
                    + request.kind().code() + " run; choose another --name");
        }
        store.runs().reopen(run.id());
        if (stack.simulation() == Simulation.SIMULATED && run.simulation() == Simulation.REAL) {
            // Resumed against the simulator: part of it is simulated, so all of it is labelled so.
            store.runs().markSimulated(run.id());
            run = store.runs().find(run.id()).orElseThrow();
        }
        store.problems().add(run.id(), request.problems());
        return execute(run, true);
    }

    private EvalReport execute(Run run, boolean resumed) {
        if (sharedOwner != null) {
            return executeShared(run, resumed);
        }
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
        try (StallWatch watch = new StallWatch(clock, StallWatch.quietFor(stack.waitingOn().leanDeadline()), stack::waitingOn,
                observer).start();
                SearchScheduler scheduler = new SearchScheduler(scheduling, searchConfig, stack.services(),
                        new Listener(watch))) {
            // As stored: the progress lines time a problem from this instant, to the millisecond the store keeps.
            Instant started = Instant.ofEpochMilli(clock.instant().toEpochMilli());
            store.problems().start(run.id(), todo.stream().map(Problem::name).toList(), started);
            Map<AttemptMode, ModeAttempts> modes = new EnumMap<>(others);
            modes.put(AttemptMode.STEP, new ModeAttempts() {
                @Override
                public AttemptMode mode() {
                    return AttemptMode.STEP;
                }

                @Override
                public CompletableFuture<TheoremResult> submit(Theorem theorem, String informal, AttemptPlan attempts) {
                    return scheduler.submit(theorem, attempts);
                }
            });
            for (Problem p : todo) {
                Theorem theorem = p.theorem();
                futures.add(inOrder(modes, theorem, p.informalStatement())
                        .handle((result, error) -> {
                            watch.activity();
                            record(current, theorem, started, result, error, counter);
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
        return report(store, store.runs().find(run.id()).orElseThrow(), results);
    }

    /**
     * The theorem tried by each mode of {@link #order} in turn, the next only when no attempt
     * before it proved it (nor was cut short by shutdown); one result, attempts numbered on across
     * the modes (mode k's attempt i is {@code k × attempts + i}), each with its mode.
     */
    private CompletableFuture<TheoremResult> inOrder(Map<AttemptMode, ModeAttempts> modes, Theorem theorem, String informal) {
        CompletableFuture<TheoremResult> f = modes.get(order.get(0)).submit(theorem, informal, plan);
        for (int k = 1; k < order.size(); k++) {
            ModeAttempts next = modes.get(order.get(k));
            int offset = k * plan.attempts();
            f = f.thenCompose(before -> {
                if (before.proved() || before.attemptsNotRun() > 0) {
                    return CompletableFuture.completedFuture(before);
                }
                return next.submit(theorem, informal, plan).thenApply(after -> {
                    List<AttemptResult> all = new ArrayList<>(before.attempts());
                    after.attempts().forEach(a -> all.add(new AttemptResult(a.attempt() + offset, a.result(), a.mode())));
                    return new TheoremResult(theorem, after.proved() ? after.winningAttempt() + offset : TheoremResult.NONE,
                            all, after.attemptsNotRun());
                });
            });
        }
        return f;
    }

    /** The run's problems through the queue, with whatever workers join; ends when none is left unfinished. */
    private EvalReport executeShared(Run run, boolean resumed) {
        if (resumed) {
            // As a one-machine resume retries them (unfinished() lists them): faults are no verdict.
            store.queue().requeueErrors(run.id());
        }
        List<RunProblem> all = store.problems().list(run.id());
        int done = (int) all.stream().filter(p -> p.status().finished()).count();
        int solved = (int) all.stream().filter(p -> p.status() == ProblemStatus.PROVED).count();
        observer.runStarted(run.name(), all.size(), done, solved, resumed);
        PoolCounters poolBefore = stack.poolCounters();
        Instant searchStart = clock.instant();
        if (searchHere) {
            QueuedSearch.run(store, run, stack, searchConfig, plan, scheduling, wholeProofs(), sharedOwner, clock, observer,
                    observer::warning);
        } else {
            QueuedSearch.watch(store, run, clock, observer);
        }
        boolean left = !store.problems().unfinished(run.id()).isEmpty();
        store.runs().finish(run.id(), left ? RunStatus.INTERRUPTED : RunStatus.COMPLETED, clock.instant());
        observer.runFinished(LeanUsage.between(poolBefore, stack.poolCounters(),
                Duration.between(searchStart, clock.instant()), stack.poolSize()));
        return report(store, store.runs().find(run.id()).orElseThrow(), results);
    }

    private void record(Run run, Theorem theorem, Instant started, TheoremResult result, Throwable error, Counter counter) {
        Instant now = clock.instant();
        ProblemResult.Outcome outcome;
        long expansions = 0;
        Optional<ReplStartException> noLean = startFailure(error);
        if (noLean.isPresent()) {
            leanGone.compareAndSet(null, noLean.get());
            store.problems().fail(run.id(), theorem.name(), "Lean unavailable: " + noLean.get().getMessage(), now);
            outcome = ProblemResult.Outcome.FAILED;
        } else if (error != null) {
            store.problems().fail(run.id(), theorem.name(), "internal error: " + error, now);
            outcome = ProblemResult.Outcome.FAILED;
        } else {
            for (AttemptResult a : result.attempts()) {
                switch (a.mode()) {
                    case STEP -> store.attempts().record(AttemptRecords.of(run.id(), theorem, a.attempt(), a.result(), now));
                    case WHOLE_PROOF -> store.attempts().record(
                            AttemptRecords.wholeProof(run.id(), theorem, a.attempt(), a.result(), now));
                    case SKETCH -> recordSketch(run, theorem, a, now);
                }
                expansions += a.result().expansions();
            }
            Optional<String> retry = retryReason(result);
            Optional<String> rejected = statementRejected(result);
            if (result.proved()) {
                store.problems().finish(run.id(), theorem.name(), ProblemStatus.PROVED, now);
                outcome = ProblemResult.Outcome.PROVED;
            } else if (rejected.isPresent()) {
                // Lean's own verdict on the statement: final, counted apart, never as unproved.
                store.problems().rejectStatement(run.id(), theorem.name(), rejected.get(), now);
                outcome = ProblemResult.Outcome.STATEMENT_ERROR;
            } else if (retry.isPresent()) {
                store.problems().fail(run.id(), theorem.name(), retry.get(), now);
                outcome = ProblemResult.Outcome.FAILED;
            } else {
                store.problems().finish(run.id(), theorem.name(), ProblemStatus.UNPROVED, now);
                outcome = ProblemResult.Outcome.UNPROVED;
            }
        }
        // The line comes from the search's own result; reading the rows back would cost a query per attempt.
        ProblemDone row = new ProblemDone(theorem.name(), outcome, expansions,
                Duration.between(started, Instant.ofEpochMilli(now.toEpochMilli())));
        counter.announce(row, observer);
    }

    /** A sketch attempt, and its holes beside it ({@link SketchAttempts#takeHoles}). */
    private void recordSketch(Run run, Theorem theorem, AttemptResult a, Instant now) {
        int mode = order.indexOf(AttemptMode.SKETCH);
        List<SketchHole> holes = others.get(AttemptMode.SKETCH) instanceof SketchAttempts s
                ? s.takeHoles(theorem.name(), a.attempt() - mode * plan.attempts()) : List.of();
        store.attempts().recordSketch(AttemptRecords.sketch(run.id(), theorem, a.attempt(), a.result(), now), holes);
    }

    /**
     * Why an unproved theorem should be tried again on resume: its search was cut short by the
     * model server or Lean being unavailable, Lean crashed on steps of it beyond recovery (so the
     * no is not Lean's), or not every attempt ran (shutdown). "Unproved" is kept for the model's
     * and Lean's own no.
     */
    static Optional<String> retryReason(TheoremResult result) {
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
                        return Optional.of(LEAN_FAULTS + f.detail());
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


    /**
     * Lean's message when it did not elaborate the statement. Only the search's
     * {@link FailureReason#STATEMENT_ERROR} says so, which only Lean's own error answer makes
     * (lean-bridge's {@code SessionStart.StatementRejected}): a crash or a timeout while starting is
     * an environment failure, retried on resume.
     */
    static Optional<String> statementRejected(TheoremResult result) {
        return result.attempts().stream().map(a -> a.result().outcome())
                .flatMap(o -> o instanceof SearchOutcome.Failed f && f.reason() == FailureReason.STATEMENT_ERROR
                        ? Stream.of(f.detail()) : Stream.empty())
                .findFirst();
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

    /** Counts across threads: problems done and solved, including those of earlier invocations. */
    private static final class Counter {
        private final AtomicInteger done;
        private final AtomicInteger solved;
        private final int total;
        private final ReentrantLock lock = new ReentrantLock();

        Counter(int done, int solved, int total) {
            this.done = new AtomicInteger(done);
            this.solved = new AtomicInteger(solved);
            this.total = total;
        }

        /**
         * Counts {@code r} and tells the observer, as one step: counted and told apart, two problems
         * finishing together could print "3/8" before "2/8".
         */
        void announce(ProblemDone r, RunObserver observer) {
            lock.lock();
            try {
                if (r.proved()) {
                    solved.incrementAndGet();
                }
                observer.problemFinished(r, done.incrementAndGet(), solved.get(), total);
            } finally {
                lock.unlock();
            }
        }
    }

    private final class Listener implements SearchListener {
        private final StallWatch watch;

        Listener(StallWatch watch) {
            this.watch = watch;
        }

        @Override
        public void progress(AttemptId id, SearchProgress progress) {
            watch.activity();
            observer.progress(id, progress);
        }
    }
}
