package dev.stepwise.prover.run;

import dev.stepwise.prover.policy.prompt.WholeProofInput;
import dev.stepwise.search.AttemptMode;
import dev.stepwise.search.AttemptPlan;
import dev.stepwise.search.AttemptResult;
import dev.stepwise.search.SearchResult;
import dev.stepwise.search.Theorem;
import dev.stepwise.search.TheoremResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The theorem loop the model-driven modes share (whole proofs, sketches): each theorem on its own
 * virtual thread, at most {@code concurrentTheorems} at a time, its attempts one after another until
 * one is proved, each attempt cancellable by {@link #close()}. A theorem's result has the step
 * search's shape, so a run stores, reports and resumes every mode the same way. Subclasses say how
 * one attempt is made; the loop, its limits and its shutdown live here once.
 *
 * @param <A> one running attempt
 */
abstract class OneAttemptAtATime<A extends OneAttemptAtATime.Running> implements ModeAttempts, AutoCloseable {
    /** An attempt in progress: run once, cancelled from another thread when the run closes. */
    interface Running {
        SearchResult run();

        void cancel();
    }

    private final Semaphore theorems;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final Set<A> running = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean closed = new AtomicBoolean();

    OneAttemptAtATime(int concurrentTheorems) {
        if (concurrentTheorems < 1) {
            throw new IllegalArgumentException("concurrent theorems must be >= 1");
        }
        this.theorems = new Semaphore(concurrentTheorems, true);
    }

    /** Attempt {@code index} on {@code theorem}, not yet started. */
    abstract A attempt(Theorem theorem, String name, WholeProofInput input, AttemptPlan attempts, int index);

    /** Called after each attempt ends, before the next starts (the sketch mode keeps its holes). */
    void ended(Theorem theorem, int index, A attempt) {
    }

    /**
     * Runs the plan's attempts on {@code theorem} until one is proved.
     *
     * @param informal the informal statement some formats show the model ("" for none)
     */
    @Override
    public final CompletableFuture<TheoremResult> submit(Theorem theorem, String informal, AttemptPlan attempts) {
        CompletableFuture<TheoremResult> future = new CompletableFuture<>();
        threads.execute(() -> {
            try {
                future.complete(run(theorem, informal, attempts));
            } catch (RuntimeException | Error e) {
                future.completeExceptionally(e);
            }
        });
        return future;
    }

    private TheoremResult run(Theorem theorem, String informal, AttemptPlan attempts) {
        try {
            theorems.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new TheoremResult(theorem, TheoremResult.NONE, List.of(), attempts.attempts());
        }
        try {
            String name = GateAcceptor.declarationName(theorem);
            WholeProofInput input = new WholeProofInput(theorem.header(), informal, theorem.statement());
            AttemptMode mode = mode();
            List<AttemptResult> results = new ArrayList<>();
            for (int i = 0; i < attempts.attempts(); i++) {
                if (closed.get()) {
                    return new TheoremResult(theorem, TheoremResult.NONE, results, attempts.attempts() - i);
                }
                A attempt = attempt(theorem, name, input, attempts, i);
                running.add(attempt);
                SearchResult r;
                try {
                    r = attempt.run();
                } finally {
                    running.remove(attempt);
                }
                ended(theorem, i, attempt);
                results.add(new AttemptResult(i, r, mode));
                if (r.proved()) {
                    return new TheoremResult(theorem, i, results, attempts.attempts() - i - 1);
                }
            }
            return new TheoremResult(theorem, TheoremResult.NONE, results, 0);
        } finally {
            theorems.release();
        }
    }

    /** Stops every attempt (what they did so far is their result) and waits for the theorems' threads. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            running.forEach(Running::cancel);
            threads.close();
        }
    }
}
