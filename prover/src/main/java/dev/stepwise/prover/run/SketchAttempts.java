package dev.stepwise.prover.run;

import dev.stepwise.prover.policy.prompt.WholeProofInput;
import dev.stepwise.prover.store.SketchHole;
import dev.stepwise.search.AttemptMode;
import dev.stepwise.search.AttemptPlan;
import dev.stepwise.search.AttemptResult;
import dev.stepwise.search.SearchResult;
import dev.stepwise.search.SearchServices;
import dev.stepwise.search.Theorem;
import dev.stepwise.search.TheoremResult;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Sketch mode for many theorems at once: each theorem on its own virtual thread (at most
 * {@code concurrentTheorems} at a time), its attempts one after another until one is proved, the
 * holes of all theorems sharing one cap on step searches running and one {@link SubgoalCache}.
 * A theorem's result has the step search's shape; the holes of each attempt are kept until the
 * run takes them ({@link #takeHoles}) to store them.
 */
public final class SketchAttempts implements ModeAttempts, AutoCloseable {
    private final SketchPlan plan;
    private final SketchPlanner planner;
    private final SketchElaborator lean;
    private final SearchServices services;
    private final WholeProofChecker gate;
    private final InstantSource clock;
    private final SubgoalCache cache = new SubgoalCache();
    private final Semaphore theorems;
    private final Semaphore holeSearches;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final Set<SketchAttempt> running = ConcurrentHashMap.newKeySet();
    private final Map<String, List<SketchHole>> holes = new ConcurrentHashMap<>();
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * @param services the step search's services (Lean, the step-prover); each hole's search starts at its hole
     * @param concurrentTheorems theorems worked on at once
     * @param holeSearches hole searches running at once over all theorems
     */
    public SketchAttempts(SketchPlan plan, SketchPlanner planner, SketchElaborator lean, SearchServices services,
            WholeProofChecker gate, InstantSource clock, int concurrentTheorems, int holeSearches) {
        this.plan = Objects.requireNonNull(plan, "plan");
        this.planner = Objects.requireNonNull(planner, "planner");
        this.lean = Objects.requireNonNull(lean, "lean");
        this.services = Objects.requireNonNull(services, "services");
        this.gate = Objects.requireNonNull(gate, "gate");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (concurrentTheorems < 1 || holeSearches < 1) {
            throw new IllegalArgumentException("concurrent theorems and hole searches must be >= 1");
        }
        this.theorems = new Semaphore(concurrentTheorems, true);
        this.holeSearches = new Semaphore(holeSearches, true);
    }

    @Override
    public AttemptMode mode() {
        return AttemptMode.SKETCH;
    }

    /** The run's cache of solved holes. */
    public SubgoalCache cache() {
        return cache;
    }

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

    /** The holes of {@code theorem}'s attempt {@code attempt} (empty once taken, or when it had none). */
    public List<SketchHole> takeHoles(String theorem, int attempt) {
        List<SketchHole> h = holes.remove(theorem + "\u0000" + attempt);
        return h == null ? List.of() : h;
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
                SketchAttempt attempt = new SketchAttempt(theorem, name, input, plan, planner, lean, services, gate, cache,
                        holeSearches, clock, attempts.seed(i), attempts.alpha(i));
                running.add(attempt);
                SearchResult r;
                try {
                    r = attempt.run();
                } finally {
                    running.remove(attempt);
                }
                holes.put(theorem.name() + "\u0000" + i, attempt.holes());
                results.add(new AttemptResult(i, r, AttemptMode.SKETCH));
                if (r.proved()) {
                    return new TheoremResult(theorem, i, results, attempts.attempts() - i - 1);
                }
            }
            return new TheoremResult(theorem, TheoremResult.NONE, results, 0);
        } finally {
            theorems.release();
        }
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            running.forEach(SketchAttempt::cancel);
            threads.close();
        }
    }
}
