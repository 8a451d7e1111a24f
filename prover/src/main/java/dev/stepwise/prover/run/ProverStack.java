package dev.stepwise.prover.run;

import dev.stepwise.lean.AcceptanceGate;
import dev.stepwise.lean.HostTools;
import dev.stepwise.lean.PoolCounters;
import dev.stepwise.lean.ProofSessions;
import dev.stepwise.lean.ReplCodec;
import dev.stepwise.lean.ReplPool;
import dev.stepwise.prover.lean.LeanProofEnvironment;
import dev.stepwise.prover.lean.LeanSetup;
import dev.stepwise.prover.lean.ScratchDir;
import dev.stepwise.prover.policy.OpenPolicy;
import dev.stepwise.prover.policy.PolicyConfig;
import dev.stepwise.prover.policy.PolicyFactory;
import dev.stepwise.prover.store.Simulation;
import dev.stepwise.prover.store.Versions;
import dev.stepwise.search.PolicyRequest;
import dev.stepwise.search.ProofEnvironment;
import dev.stepwise.search.SearchServices;
import dev.stepwise.search.StateScorer;
import dev.stepwise.search.Suggestions;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The running services a prove or eval needs: the Lean pool with its proof sessions and
 * acceptance gate, and the tactic policy. It owns them and closes them in reverse order of
 * opening. Whether the REPL and the model are real or simulated is asked of them when they are
 * opened ({@link WhatAnswered}), and the {@link Simulation} label it carries says so.
 */
public final class ProverStack implements AutoCloseable {
    private final ReplPool pool;
    private final OpenPolicy policy;
    private final ProofEnvironment environment;
    private final GateAcceptor acceptor;
    /** The critic searches ask when search.critic orders by it; {@link StateScorer#NONE} otherwise. */
    private final StateScorer critic;
    private final Versions versions;
    private final Simulation simulation;
    private final PoolOwnership ownership;
    /** The pool's scratch directory, removed after the pool has stopped (by the stack that owns the pool). */
    private final ScratchDir scratch;
    /** The searches' calls out to Lean and the model, shared by the stacks on one pool. */
    private final CallsInFlight calls;
    /** Lean as sketch mode asks it: a planner's sketch elaborated once, its holes as root states. */
    private final SketchElaborator sketches;

    /** Whether closing the stack stops the Lean pool, or only its policy (the pool belongs to another stack). */
    private enum PoolOwnership {
        OWNS,
        SHARES
    }

    private ProverStack(ReplPool pool, ScratchDir scratch, OpenPolicy policy, StateScorer critic, GateAcceptor acceptor,
            Versions versions, Simulation simulation, ProofEnvironment environment, CallsInFlight calls,
            PoolOwnership ownership, SketchElaborator sketches) {
        this.sketches = sketches;
        this.critic = critic;
        this.calls = calls;
        this.ownership = ownership;
        this.scratch = scratch;
        this.pool = pool;
        this.policy = policy;
        this.acceptor = acceptor;
        this.versions = versions;
        this.simulation = simulation;
        this.environment = environment;
    }

    /**
     * Starts the Lean pool warmed with {@code headers} and opens the policy. A pool that cannot
     * start (no Lean, Mathlib not built) throws {@link dev.stepwise.lean.ReplStartException} with
     * the real cause, before any search begins.
     *
     * @param servers what the policy's model servers answered ({@link WhatAnswered#servers}); the
     *     stack is SIMULATED if they or the REPL processes are the simulator
     */
    public static ProverStack open(LeanSetup lean, PolicyFactory policies, PolicyConfig policyConfig, List<String> headers,
            Simulation servers, String stepwiseVersion, InstantSource clock) {
        return open(lean, policies, policyConfig, StateScorer.NONE, headers, servers, stepwiseVersion, clock);
    }

    /** The same with a critic that searches ask when {@code search.critic} orders the frontier by it. */
    public static ProverStack open(LeanSetup lean, PolicyFactory policies, PolicyConfig policyConfig, StateScorer critic,
            List<String> headers, Simulation servers, String stepwiseVersion, InstantSource clock) {
        return open(lean, policies.open(policyConfig), critic, headers, servers, stepwiseVersion, clock);
    }

    /**
     * Starts the Lean pool warmed with {@code headers} without a policy, for callers that search
     * with several models in turn, each through {@link #withPolicy}: it opens no model client and
     * loads no tokenizer that nobody would use. Searching with this stack itself fails.
     */
    public static ProverStack openLeanOnly(LeanSetup lean, List<String> headers, String stepwiseVersion, InstantSource clock) {
        return open(lean, new NoPolicy(), StateScorer.NONE, headers, Simulation.REAL, stepwiseVersion, clock);
    }

    private static ProverStack open(LeanSetup lean, OpenPolicy policy, StateScorer critic, List<String> headers,
            Simulation servers, String stepwiseVersion, InstantSource clock) {
        ScratchDir scratch = null;
        ReplPool pool;
        try {
            scratch = lean.scratch();
            pool = ReplPool.start(lean.poolConfig(lean.poolSize(), headers, scratch.path()), new ReplCodec(),
                    HostTools.fromEnvironment(), clock);
        } catch (RuntimeException e) {
            try {
                policy.close();
            } finally {
                if (scratch != null) {
                    scratch.close();
                }
            }
            throw e;
        }
        // Proof states live on the process that made them: start searching only when all are up.
        pool.awaitStarted(pool.config().warmupTimeout());
        Simulation repl;
        try {
            repl = WhatAnswered.repl(pool, headers);
        } catch (RuntimeException e) {
            try {
                policy.close();
            } finally {
                try {
                    pool.close();
                } finally {
                    scratch.close();
                }
            }
            throw e;
        }
        ProofSessions sessions = new ProofSessions(pool, lean.tacticFilter());
        GateAcceptor acceptor = new GateAcceptor(new AcceptanceGate(pool, lean.gatePolicy()), clock);
        Simulation simulation = servers.or(repl);
        // The Lean versions are the REPL's: a real Lean keeps its versions beside a simulated model.
        String leanVersion = repl == Simulation.SIMULATED ? "simulated"
                : lean.project().toolchain().orElse("unknown");
        String mathlib = repl == Simulation.SIMULATED ? "simulated"
                : lean.project().mathlibRevision().orElse("unknown");
        Versions versions = new Versions(stepwiseVersion, leanVersion, mathlib, policy.description());
        CallsInFlight calls = new CallsInFlight(clock);
        LeanProofEnvironment leanEnvironment = new LeanProofEnvironment(sessions);
        return new ProverStack(pool, scratch, policy, critic, acceptor, versions, simulation,
                calls.around(leanEnvironment), calls, PoolOwnership.OWNS, leanEnvironment::sketch);
    }

    /**
     * The same Lean processes (and their proof states) with another policy and critic: a round
     * searches with several models in turn without importing Mathlib again. The returned stack
     * owns {@code other}; closing it closes that policy only, this stack keeps the pool.
     *
     * @param servers what {@code other}'s model servers answered ({@link WhatAnswered#servers})
     */
    public ProverStack withPolicy(OpenPolicy other, StateScorer otherCritic, Simulation servers) {
        Versions v = new Versions(versions.stepwise(), versions.lean(), versions.mathlib(), other.description());
        return new ProverStack(pool, scratch, other, otherCritic, acceptor, v, simulation.or(servers), environment, calls,
                PoolOwnership.SHARES, sketches);
    }

    /** What the search uses: Lean through the pool, the policy, and the gate as acceptor. */
    public SearchServices services() {
        return SearchServices.of(environment, calls.around(policy)).withAcceptor(acceptor).withCritic(critic);
    }

    /** What the searches wait for now: their calls out to Lean and the model, and the pool's processes. */
    public WaitingOn waitingOn() {
        return calls.snapshot(pool.counters(), pool.config().requestTimeout());
    }

    /** Lean as sketch mode asks it: a sketch elaborated once, each hole a root state. */
    public SketchElaborator sketches() {
        return sketches;
    }

    public GateAcceptor acceptor() {
        return acceptor;
    }

    public Versions versions() {
        return versions;
    }

    public Simulation simulation() {
        return simulation;
    }

    public PoolCounters poolCounters() {
        return pool.counters();
    }

    /** The processes the Lean pool keeps (alive or being replaced). */
    public int poolSize() {
        return pool.config().size();
    }

    @Override
    public void close() {
        try {
            policy.close();
        } finally {
            if (ownership == PoolOwnership.OWNS) {
                try {
                    pool.close();
                } finally {
                    scratch.close();
                }
            }
        }
    }

    /** The policy of a Lean-only stack: there is none, and asking it is a programming error. */
    private static final class NoPolicy implements OpenPolicy {
        @Override
        public CompletableFuture<Suggestions> suggest(PolicyRequest request) {
            throw new IllegalStateException("this Lean-only stack has no policy; search through withPolicy(...)");
        }

        @Override
        public String description() {
            return "no policy";
        }

        @Override
        public void close() {
        }
    }
}
