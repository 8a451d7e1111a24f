package dev.stepwise.prover.run;

import dev.stepwise.prover.policy.prompt.WholeProofInput;
import dev.stepwise.search.AttemptMode;
import dev.stepwise.search.AttemptPlan;
import dev.stepwise.search.AttemptResult;
import dev.stepwise.search.SearchResult;
import dev.stepwise.search.Theorem;
import dev.stepwise.search.TheoremResult;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Whole-proof mode for many theorems at once: each theorem on its own virtual thread (at most
 * {@code concurrentTheorems} at a time), its attempts one after another until one is proved
 * (pass@attempts x samples), and every request of every theorem sharing one cap on requests in
 * flight, so the model server is kept busy without being flooded. The result of a theorem has
 * the same shape as the step search's, so the run stores, reports and resumes it the same way.
 */
public final class WholeProofAttempts implements ModeAttempts, AutoCloseable {
    private final WholeProofPlan plan;
    private final WholeProofSampler sampler;
    private final WholeProofChecker checker;
    private final InstantSource clock;
    private final Semaphore theorems;
    private final Semaphore inFlight;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final Set<WholeProofAttempt> running = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final String model;

    /**
     * @param concurrentTheorems theorems worked on at once
     * @param requestsInFlight model requests in flight across all theorems
     */
    public WholeProofAttempts(WholeProofPlan plan, WholeProofSampler sampler, WholeProofChecker checker, InstantSource clock,
            int concurrentTheorems, int requestsInFlight) {
        this(plan, sampler, checker, clock, concurrentTheorems, requestsInFlight,
                "whole-proof template " + plan.template().name());
    }

    /**
     * @param model what the run records as its model: the server's model and the whole-proof
     *     template that asks it (not the step template of model.template, which these attempts never use)
     */
    public WholeProofAttempts(WholeProofPlan plan, WholeProofSampler sampler, WholeProofChecker checker, InstantSource clock,
            int concurrentTheorems, int requestsInFlight, String model) {
        this.model = Objects.requireNonNull(model, "model");
        this.plan = Objects.requireNonNull(plan, "plan");
        this.sampler = Objects.requireNonNull(sampler, "sampler");
        this.checker = Objects.requireNonNull(checker, "checker");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (concurrentTheorems < 1 || requestsInFlight < 1) {
            throw new IllegalArgumentException("concurrent theorems and requests in flight must be >= 1");
        }
        this.theorems = new Semaphore(concurrentTheorems, true);
        this.inFlight = new Semaphore(requestsInFlight, true);
    }

    @Override
    public AttemptMode mode() {
        return AttemptMode.WHOLE_PROOF;
    }

    /**
     * Runs the plan's attempts on {@code theorem} until one is proved.
     *
     * @param informal the informal statement some formats show the model ("" for none)
     */
    @Override
    public CompletableFuture<TheoremResult> submit(Theorem theorem, String informal, AttemptPlan attempts) {
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
            List<AttemptResult> results = new ArrayList<>();
            for (int i = 0; i < attempts.attempts(); i++) {
                if (closed.get()) {
                    return new TheoremResult(theorem, TheoremResult.NONE, results, attempts.attempts() - i);
                }
                WholeProofAttempt attempt = new WholeProofAttempt(theorem, name, input, plan, sampler, checker, inFlight,
                        clock, attempts.seed(i));
                running.add(attempt);
                SearchResult r;
                try {
                    r = attempt.run();
                } finally {
                    running.remove(attempt);
                }
                results.add(new AttemptResult(i, r, AttemptMode.WHOLE_PROOF));
                if (r.proved()) {
                    return new TheoremResult(theorem, i, results, attempts.attempts() - i - 1);
                }
            }
            return new TheoremResult(theorem, TheoremResult.NONE, results, 0);
        } finally {
            theorems.release();
        }
    }

    /** The model as the run records it (results.md's model line, runs show). */
    public String model() {
        return model;
    }

    /** Stops every attempt (what they checked so far is their result) and waits for the theorems' threads. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            running.forEach(WholeProofAttempt::cancel);
            threads.close();
        }
    }
}
