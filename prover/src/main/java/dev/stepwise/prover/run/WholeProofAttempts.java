package dev.stepwise.prover.run;

import dev.stepwise.prover.policy.prompt.WholeProofInput;
import dev.stepwise.search.AttemptMode;
import dev.stepwise.search.AttemptPlan;
import dev.stepwise.search.Theorem;
import java.time.InstantSource;
import java.util.Objects;
import java.util.concurrent.Semaphore;

/**
 * Whole-proof mode for many theorems at once: each theorem on its own virtual thread (at most
 * {@code concurrentTheorems} at a time), its attempts one after another until one is proved
 * (pass@attempts x samples), and every request of every theorem sharing one cap on requests in
 * flight, so the model server is kept busy without being flooded. The result of a theorem has
 * the same shape as the step search's, so the run stores, reports and resumes it the same way.
 */
public final class WholeProofAttempts extends OneAttemptAtATime<WholeProofAttempt> {
    private final WholeProofPlan plan;
    private final WholeProofSampler sampler;
    private final WholeProofChecker checker;
    private final InstantSource clock;
    private final Semaphore inFlight;
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
        super(concurrentTheorems);
        this.model = Objects.requireNonNull(model, "model");
        this.plan = Objects.requireNonNull(plan, "plan");
        this.sampler = Objects.requireNonNull(sampler, "sampler");
        this.checker = Objects.requireNonNull(checker, "checker");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (requestsInFlight < 1) {
            throw new IllegalArgumentException("requests in flight must be >= 1");
        }
        this.inFlight = new Semaphore(requestsInFlight, true);
    }

    @Override
    public AttemptMode mode() {
        return AttemptMode.WHOLE_PROOF;
    }

    @Override
    WholeProofAttempt attempt(Theorem theorem, String name, WholeProofInput input, AttemptPlan attempts, int index) {
        return new WholeProofAttempt(theorem, name, input, plan, sampler, checker, inFlight, clock, attempts.seed(index));
    }

    /** The model as the run records it (results.md's model line, runs show). */
    public String model() {
        return model;
    }
}
