package dev.stepwise.prover.run;

import dev.stepwise.prover.policy.prompt.WholeProofInput;
import dev.stepwise.prover.store.SketchHole;
import dev.stepwise.search.AttemptMode;
import dev.stepwise.search.AttemptPlan;
import dev.stepwise.search.SearchServices;
import dev.stepwise.search.Theorem;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * Sketch mode for many theorems at once: each theorem on its own virtual thread (at most
 * {@code concurrentTheorems} at a time), its attempts one after another until one is proved, the
 * holes of all theorems sharing one cap on step searches running and one {@link SubgoalCache}.
 * A theorem's result has the step search's shape; the holes of each attempt are kept until the
 * run takes them ({@link #takeHoles}) to store them.
 */
public final class SketchAttempts extends OneAttemptAtATime<SketchAttempt> {
    private final SketchPlan plan;
    private final SketchPlanner planner;
    private final SketchElaborator lean;
    private final SearchServices services;
    private final WholeProofChecker gate;
    private final InstantSource clock;
    private final SubgoalCache cache = new SubgoalCache();
    private final Semaphore holeSearches;
    private final Map<String, List<SketchHole>> holes = new ConcurrentHashMap<>();

    /**
     * @param services the step search's services (Lean, the step-prover); each hole's search starts at its hole
     * @param concurrentTheorems theorems worked on at once
     * @param holeSearches hole searches running at once over all theorems
     */
    public SketchAttempts(SketchPlan plan, SketchPlanner planner, SketchElaborator lean, SearchServices services,
            WholeProofChecker gate, InstantSource clock, int concurrentTheorems, int holeSearches) {
        super(concurrentTheorems);
        this.plan = Objects.requireNonNull(plan, "plan");
        this.planner = Objects.requireNonNull(planner, "planner");
        this.lean = Objects.requireNonNull(lean, "lean");
        this.services = Objects.requireNonNull(services, "services");
        this.gate = Objects.requireNonNull(gate, "gate");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (holeSearches < 1) {
            throw new IllegalArgumentException("hole searches must be >= 1");
        }
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

    /** The holes of {@code theorem}'s attempt {@code attempt} (empty once taken, or when it had none). */
    public List<SketchHole> takeHoles(String theorem, int attempt) {
        List<SketchHole> h = holes.remove(theorem + "\u0000" + attempt);
        return h == null ? List.of() : h;
    }

    @Override
    SketchAttempt attempt(Theorem theorem, String name, WholeProofInput input, AttemptPlan attempts, int index) {
        return new SketchAttempt(theorem, name, input, plan, planner, lean, services, gate, cache, holeSearches, clock,
                attempts.seed(index), attempts.alpha(index));
    }

    @Override
    void ended(Theorem theorem, int index, SketchAttempt attempt) {
        holes.put(theorem.name() + "\u0000" + index, attempt.holes());
    }
}
