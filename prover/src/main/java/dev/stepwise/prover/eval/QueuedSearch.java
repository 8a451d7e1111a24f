package dev.stepwise.prover.eval;

import dev.stepwise.prover.problems.Problem;
import dev.stepwise.prover.run.ProverStack;
import dev.stepwise.prover.run.WholeProofAttempts;
import dev.stepwise.prover.store.DatabaseException;
import dev.stepwise.prover.store.NewAttempt;
import dev.stepwise.prover.store.ProblemStatus;
import dev.stepwise.prover.store.Run;
import dev.stepwise.prover.store.RunProblem;
import dev.stepwise.prover.store.Store;
import dev.stepwise.search.AttemptPlan;
import dev.stepwise.search.AttemptResult;
import dev.stepwise.search.SchedulerConfig;
import dev.stepwise.search.SearchConfig;
import dev.stepwise.search.SearchListener;
import dev.stepwise.search.SearchProgress;
import dev.stepwise.search.AttemptId;
import dev.stepwise.search.SearchScheduler;
import dev.stepwise.search.TheoremResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Searches the problems of a run shared through the store, as they are claimed from its queue
 * ({@link SharedRunWorker}), with this process's own Lean pool and policy: {@code stepwise worker}
 * on any host, and {@code eval --shared} that created the run. Several problems are searched at
 * once (as many as the scheduler runs attempts for whole problems), each under its own lease; a
 * problem's search is the one a one-process eval runs (same plan, same seeds), so the run's
 * verdicts do not depend on which worker searched what. A whole-proof run's problems go through
 * the queue the same way, each one's samples drawn and checked by the process that claimed it.
 */
public final class QueuedSearch {
    /**
     * How long a claim holds without a heartbeat: long enough that a busy host's beat (every third
     * of it) is never late, short enough that a dead worker's problem is searched again soon.
     */
    public static final Duration LEASE = Duration.ofSeconds(60);
    /** How often to look again while every problem left is leased by other workers. */
    static final Duration POLL = Duration.ofSeconds(2);
    /** The longest pause between tries while the database is out of reach. */
    static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private QueuedSearch() {
    }

    /**
     * Waits, searching nothing, until no problem of {@code run} is left unfinished, telling
     * {@code observer} of each problem the workers finish, as it sees them in the store (every
     * {@link #POLL}); while the database is out of reach it says so and looks again.
     */
    public static void watch(Store store, Run run, InstantSource clock, RunObserver observer) {
        Set<String> seen = new HashSet<>();
        boolean first = true;
        while (true) {
            List<RunProblem> now;
            try {
                now = store.problems().list(run.id());
            } catch (DatabaseException e) {
                if (!e.outage()) {
                    throw e;
                }
                observer.waiting("the database, to follow run " + run.name() + " (" + e.getMessage() + ")");
                pause(MAX_BACKOFF.dividedBy(6));
                continue;
            }
            int done = 0;
            int solved = 0;
            List<RunProblem> fresh = new ArrayList<>();
            for (RunProblem p : now) {
                if (!p.status().finished()) {
                    continue;
                }
                // Problems finished before this eval started are counted by its start line, not announced.
                if (seen.add(p.problem().name()) && !first) {
                    fresh.add(p);
                    continue;
                }
                done++;
                solved += p.status() == ProblemStatus.PROVED ? 1 : 0;
            }
            // Counted on from what was seen before: problems finish out of their order across workers,
            // and counting in the list's order announced the last one as 11/12 (SharedEvalWorkersTest).
            for (RunProblem p : fresh) {
                done++;
                solved += p.status() == ProblemStatus.PROVED ? 1 : 0;
                observer.problemFinished(new ProblemDone(p.problem().name(), outcome(p.status()), 0,
                        p.startedAt() == null || p.endedAt() == null ? Duration.ZERO
                                : Duration.between(p.startedAt(), p.endedAt())), done, solved, now.size());
            }
            first = false;
            if (now.stream().noneMatch(p -> p.status() == ProblemStatus.PENDING || p.status() == ProblemStatus.RUNNING)) {
                return;
            }
            pause(POLL);
        }
    }

    private static void pause(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while following a shared run", e);
        }
    }

    /** From the first attempt's start to the last one's end, as the stored rows say. */
    private static Duration searchTime(List<NewAttempt> attempts) {
        return attempts.stream().map(NewAttempt::startedAt).min(Instant::compareTo)
                .flatMap(first -> attempts.stream().map(NewAttempt::endedAt).max(Instant::compareTo)
                        .map(last -> Duration.between(first, last)))
                .orElse(Duration.ZERO);
    }

    /** The outcome a finished problem's row reads as, as EvalService announces it. */
    private static ProblemResult.Outcome outcome(ProblemStatus status) {
        return switch (status) {
            case PROVED -> ProblemResult.Outcome.PROVED;
            case UNPROVED -> ProblemResult.Outcome.UNPROVED;
            case STATEMENT_ERROR -> ProblemResult.Outcome.STATEMENT_ERROR;
            case PENDING, RUNNING, ERROR -> ProblemResult.Outcome.FAILED;
        };
    }

    /**
     * This process as a lease names it: host and process id, so {@code runs show} and a refused
     * late write say which machine held a problem. The host name is the kernel's (Linux), else
     * {@code HOSTNAME}; nothing is looked up on the network.
     */
    public static String thisProcess() {
        String host = null;
        try {
            host = Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
        } catch (IOException | RuntimeException e) {
            host = System.getenv("HOSTNAME");
        }
        return (host == null || host.isBlank() ? "host" : host) + "-" + ProcessHandle.current().pid();
    }

    /**
     * Searches claimed problems of {@code run} until no problem of it is left unfinished (by this
     * process or others), telling {@code observer} of each verdict written.
     *
     * @param owner this process, as leases name it (host and process id)
     * @param say where lines about leases and database outages go (stderr)
     * @return what this process's loops did together
     */
    public static SharedRunWorker.Tally run(Store store, Run run, ProverStack stack, SearchConfig searchConfig,
            AttemptPlan plan, SchedulerConfig scheduling, String owner, InstantSource clock, RunObserver observer,
            Consumer<String> say) {
        return run(store, run, stack, searchConfig, plan, scheduling, null, owner, LEASE, clock, observer, say);
    }

    /**
     * As {@link #run(Store, Run, ProverStack, SearchConfig, AttemptPlan, SchedulerConfig, String, InstantSource,
     * RunObserver, Consumer)}, each problem's attempts made by {@code wholeProofs} when it is not null (a
     * whole-proof run: sampled proofs checked whole, recorded as a one-machine whole-proof eval records them).
     */
    public static SharedRunWorker.Tally run(Store store, Run run, ProverStack stack, SearchConfig searchConfig,
            AttemptPlan plan, SchedulerConfig scheduling, WholeProofAttempts wholeProofs, String owner, InstantSource clock,
            RunObserver observer, Consumer<String> say) {
        return run(store, run, stack, searchConfig, plan, scheduling, wholeProofs, owner, LEASE, clock, observer, say);
    }

    /**
     * As above, with each claim held for {@code leaseTime} without a heartbeat ({@code store.lease}).
     */
    public static SharedRunWorker.Tally run(Store store, Run run, ProverStack stack, SearchConfig searchConfig,
            AttemptPlan plan, SchedulerConfig scheduling, WholeProofAttempts wholeProofs, String owner, Duration leaseTime,
            InstantSource clock,
            RunObserver observer, Consumer<String> say) {
        List<RunProblem> all = store.problems().list(run.id());
        Map<String, Problem> byName = all.stream().map(RunProblem::problem)
                .collect(Collectors.toMap(Problem::name, Function.identity()));
        int total = all.size();
        int loops = Math.max(1, scheduling.maxConcurrentAttempts() / Math.max(1, plan.attempts()));
        SearchListener listener = new SearchListener() {
            @Override
            public void progress(AttemptId id, SearchProgress progress) {
                observer.progress(id, progress);
            }
        };
        try (SearchScheduler scheduler = new SearchScheduler(scheduling, searchConfig, stack.services(), listener);
                ExecutorService threads = Executors.newFixedThreadPool(loops,
                        Thread.ofPlatform().name("queued-search-", 0).factory())) {
            SharedRunWorker.Finished told = (lease, result) -> {
                List<RunProblem> now = store.problems().list(run.id());
                int done = (int) now.stream().filter(p -> p.status().finished()).count();
                int solved = (int) now.stream().filter(p -> p.status() == ProblemStatus.PROVED).count();
                long expansions = result.attempts().stream().mapToLong(a -> a.counts().expansions()).sum();
                observer.problemFinished(new ProblemDone(lease.problem(), outcome(result.status()), expansions,
                        searchTime(result.attempts())), done, solved, total);
            };
            List<Future<SharedRunWorker.Tally>> futures = new ArrayList<>();
            for (int i = 0; i < loops; i++) {
                SharedRunWorker worker = new SharedRunWorker(store, run.id(),
                        new SharedRunWorker.Settings(loops == 1 ? owner : owner + "#" + i, leaseTime, POLL, MAX_BACKOFF),
                        clock, say);
                futures.add(threads.submit(() -> worker.runUntilDone(lease -> {
                    Problem problem = byName.get(lease.problem());
                    TheoremResult result = (wholeProofs == null ? scheduler.submit(problem.theorem(), plan)
                            : wholeProofs.submit(problem.theorem(), problem.informalStatement(), plan)).join();
                    Instant now = clock.instant();
                    List<NewAttempt> attempts = new ArrayList<>();
                    for (AttemptResult a : result.attempts()) {
                        attempts.add(wholeProofs == null ? AttemptRecords.of(run.id(), problem.theorem(), a.attempt(), a.result(), now)
                                : AttemptRecords.wholeProof(run.id(), problem.theorem(), a.attempt(), a.result(), now));
                    }
                    // As a one-machine run decides (EvalService): a search cut short by faults is no verdict.
                    Optional<String> rejected = EvalService.statementRejected(result);
                    if (rejected.isPresent()) {
                        return new SharedRunWorker.Result(attempts, ProblemStatus.STATEMENT_ERROR, rejected.get());
                    }
                    Optional<String> retry = result.proved() ? Optional.empty() : EvalService.retryReason(result);
                    if (retry.isPresent()) {
                        return new SharedRunWorker.Result(attempts, ProblemStatus.ERROR, retry.get());
                    }
                    return new SharedRunWorker.Result(attempts,
                            result.proved() ? ProblemStatus.PROVED : ProblemStatus.UNPROVED);
                }, told)));
            }
            SharedRunWorker.Tally tally = new SharedRunWorker.Tally(0, 0);
            for (Future<SharedRunWorker.Tally> f : futures) {
                tally = tally.plus(f.get());
            }
            return tally;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while searching run " + run.name(), e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
