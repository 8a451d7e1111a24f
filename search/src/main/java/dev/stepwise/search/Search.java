package dev.stepwise.search;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One best-first search attempt on one theorem. Create one per attempt and {@link #run()} it once
 * on its own (virtual) thread; {@link #cancel()} and {@link #progress()} may be called from any
 * thread.
 *
 * <p>The frontier holds every open state not yet expanded, best priority first. An expansion asks
 * the policy for W candidates, drops duplicates and filtered ones (recorded as
 * {@link EdgeKind#FILTERED} edges, never sent to the environment), applies the rest in score
 * order and stops at the first proof the acceptor accepts. A proof is checked for before any
 * budget, so a proof found by the last allowed tactic counts.
 */
public final class Search {
    private static final System.Logger LOG = System.getLogger(Search.class.getName());

    private final Theorem theorem;
    private final SearchConfig config;
    private final long seed;
    private final SearchServices services;
    private final SearchObserver observer;
    private final MonotonicClock clock;

    private final SearchTree tree = new SearchTree();
    private final Frontier frontier = new Frontier(id -> tree.node(id).priority);
    private final TacticPaths paths;
    private final ExpansionLog expansionLog = new ExpansionLog();
    private final AtomicBoolean ran = new AtomicBoolean();
    private final ReentrantLock runnerLock = new ReentrantLock();
    private Thread runner;
    private boolean interruptedByCancel;
    private volatile boolean cancelled;
    private volatile Future<?> pendingRequest;
    // Counters for progress(), written once per expansion; volatile so other threads see them.
    private volatile long shownExpansions;
    private volatile long shownTactics;
    private volatile long shownTokens;
    private volatile int shownNodes;
    private volatile int shownDepth;

    private volatile long startNanos;
    private long expansions;
    private long tactics;
    private long promptTokens;
    private long completionTokens;
    private int filtered;
    private int duplicates;
    private long policyNanos;
    private long environmentNanos;
    private long acceptanceNanos;
    private long criticNanos;
    /** The first proof the acceptor accepted, with its verdict: what the attempt returns. */
    private SearchOutcome.Proved accepted;
    /** Steps Lean did not answer (crashes, wall-clock timeouts, proofs the acceptor could not check), and the last one's detail. */
    private int faults;
    private String lastFault;

    private Search(Theorem theorem, SearchConfig config, long seed, SearchServices services, SearchObserver observer) {
        this.theorem = Objects.requireNonNull(theorem, "theorem");
        this.config = Objects.requireNonNull(config, "config");
        this.seed = seed;
        this.services = Objects.requireNonNull(services, "services");
        this.observer = Objects.requireNonNull(observer, "observer");
        this.clock = services.clock();
        this.paths = new TacticPaths(config.scoreMode());
        if (config.criticMode() != CriticMode.POLICY_ONLY && services.critic() == StateScorer.NONE) {
            throw new IllegalArgumentException("criticMode " + config.criticMode() + " needs a critic (StateScorer)");
        }
    }

    public static Search create(Theorem theorem, SearchConfig config, long seed, SearchServices services) {
        return new Search(theorem, config, seed, services, SearchObserver.NONE);
    }

    public static Search create(Theorem theorem, SearchConfig config, long seed, SearchServices services,
            SearchObserver observer) {
        return new Search(theorem, config, seed, services, observer);
    }

    /** Runs the attempt to its end on the calling thread. A second call throws. */
    public SearchResult run() {
        if (!ran.compareAndSet(false, true)) {
            throw new IllegalStateException("a Search runs once; create another for another attempt");
        }
        runnerLock.lock();
        try {
            runner = Thread.currentThread();
        } finally {
            runnerLock.unlock();
        }
        try {
            SearchOutcome outcome = begin();
            while (outcome == null) {
                outcome = step();
            }
            return finish(outcome);
        } finally {
            runnerLock.lock();
            try {
                runner = null;
                if (interruptedByCancel) {
                    // The interrupt was ours, to wake this thread; the caller's thread goes on clean.
                    Thread.interrupted();
                }
            } finally {
                runnerLock.unlock();
            }
        }
    }

    /**
     * Stops the attempt as soon as possible: the pending policy request is cancelled, a wait for
     * a permit is interrupted, and a tactic already in the environment finishes within its own
     * deadline. The attempt then ends with {@link FailureReason#CANCELLED}. Idempotent.
     */
    public void cancel() {
        cancelled = true;
        Future<?> request = pendingRequest;
        if (request != null) {
            request.cancel(true);
        }
        runnerLock.lock();
        try {
            if (runner != null) {
                interruptedByCancel = true;
                runner.interrupt();
            }
        } finally {
            runnerLock.unlock();
        }
    }

    public boolean isCancelled() {
        return cancelled;
    }

    /** The counters after the last expansion, with the elapsed time up to now. */
    public SearchProgress progress() {
        int nodes = shownNodes; // read first: written last, so the others are at least as new
        long started = startNanos;
        Duration elapsed = started == 0 ? Duration.ZERO : Duration.ofNanos(clock.nanoTime() - started);
        return new SearchProgress(shownExpansions, shownTactics, nodes, shownDepth, shownTokens, elapsed);
    }

    // ---- the steps; package-private so tests can check the tree's invariants between them ----

    /** Starts the theorem; null to go on, or how the attempt ended. */
    SearchOutcome begin() {
        startNanos = clock.nanoTime();
        if (cancelled) {
            return failed(FailureReason.CANCELLED, "cancelled before it started");
        }
        long t0 = clock.nanoTime();
        StartOutcome start;
        try {
            start = services.environment().start(theorem);
        } catch (RuntimeException e) {
            if (cancelled) {
                return failed(FailureReason.CANCELLED, "cancelled while starting");
            }
            throw e;
        } finally {
            environmentNanos += clock.nanoTime() - t0;
        }
        return switch (start) {
            case StartOutcome.Failed f -> failed(FailureReason.ENVIRONMENT_FAILURE, f.reason());
            case StartOutcome.Started s -> {
                InternalNode root = tree.add(GoalKey.of(s.root().goals()).text(), s.root(), 0);
                frontier.add(root.id);
                publishProgress();
                yield null;
            }
        };
    }

    /** One expansion; null to go on, or how the attempt ended. */
    SearchOutcome step() {
        if (cancelled) {
            return failed(FailureReason.CANCELLED, "cancelled");
        }
        if (frontier.isEmpty()) {
            return failed(FailureReason.FRONTIER_EXHAUSTED, "every reachable state was expanded");
        }
        Budgets b = config.budgets();
        if (expansions >= b.maxExpansions()) {
            return failed(FailureReason.BUDGET_EXPANSIONS, expansions + " expansions");
        }
        if (promptTokens + completionTokens >= b.maxTokens()) {
            return failed(FailureReason.BUDGET_TOKENS, (promptTokens + completionTokens) + " policy tokens");
        }
        if (tactics >= b.maxTactics()) {
            return failed(FailureReason.BUDGET_TACTICS, tactics + " tactic applications");
        }
        if (timeLeftNanos() <= 0) {
            return failed(FailureReason.BUDGET_TIME, "time budget " + b.maxTime() + " spent");
        }
        InternalNode node = tree.node(frontier.poll());
        SearchOutcome outcome = expand(node);
        publishProgress();
        return outcome;
    }

    SearchTree tree() {
        return tree;
    }

    List<InternalNode> frontierNodes() {
        return Arrays.stream(frontier.ids()).mapToObj(tree::node).toList();
    }

    SearchResult finish(SearchOutcome ended) {
        long total = clock.nanoTime() - startNanos;
        SearchOutcome outcome = faultAware(ended);
        return new SearchResult(theorem.name(), seed, config.alpha(), outcome,
                tree.size() == 0 ? RecordedTree.empty() : tree.record(config.scoreMode(), expansionLog),
                Duration.ofNanos(policyNanos), Duration.ofNanos(environmentNanos), Duration.ofNanos(acceptanceNanos),
                Duration.ofNanos(criticNanos), Duration.ofNanos(total), tree.size(), expansions, tactics,
                promptTokens, completionTokens, filtered, duplicates, tree.maxDepth());
    }

    // ---- one expansion ----

    private SearchOutcome expand(InternalNode node) {
        List<String> path = paths.pathTo(node);
        ProofState state = node.state();
        PolicyRequest request = new PolicyRequest(theorem, state, path, config.width(), config.temperature(),
                requestSeed(expansions));
        long t0 = clock.nanoTime();
        Suggestions suggestions = null;
        SearchOutcome ended = null;
        try {
            suggestions = await(services.policy().suggest(request));
        } catch (Ended e) {
            ended = e.outcome;
        }
        long dt = clock.nanoTime() - t0;
        policyNanos += dt;
        if (ended != null) {
            expansionLog.policyWithoutExpansion(node.id, dt);
            frontier.add(node.id); // never expanded: still open
            return ended;
        }
        expansionLog.expanded(node.id, dt);
        expansions++;
        promptTokens += suggestions.promptTokens();
        completionTokens += suggestions.completionTokens();

        EdgeBuffer edges = new EdgeBuffer(suggestions.candidates().size());
        List<Candidate> usable = usableCandidates(node, suggestions.candidates(), edges);
        List<InternalNode> created = new ArrayList<>(usable.size());
        SearchOutcome ending = null;
        for (Candidate c : usable) {
            if (cancelled) {
                ending = failed(FailureReason.CANCELLED, "cancelled");
                break;
            }
            if (tactics >= config.budgets().maxTactics()) {
                ending = failed(FailureReason.BUDGET_TACTICS, tactics + " tactic applications");
                break;
            }
            if (timeLeftNanos() <= 0) {
                ending = failed(FailureReason.BUDGET_TIME, "time budget " + config.budgets().maxTime() + " spent");
                break;
            }
            long a0 = clock.nanoTime();
            TacticOutcome result;
            try {
                result = services.environment().apply(theorem, state, path, c.tactic());
            } catch (RuntimeException e) {
                environmentNanos += clock.nanoTime() - a0;
                if (cancelled) {
                    ending = failed(FailureReason.CANCELLED, "cancelled while applying a tactic");
                    break;
                }
                throw e;
            }
            long envTime = clock.nanoTime() - a0;
            environmentNanos += envTime;
            tactics++;
            Edge edge = switch (result) {
                case TacticOutcome.Progress p -> stateEdge(node, c, envTime, p.state(), created);
                case TacticOutcome.ProofComplete pc -> accept(node, c, envTime);
                case TacticOutcome.LeanError e -> new TerminalNode(node, c, envTime, EdgeKind.LEAN_ERROR, e.message());
                case TacticOutcome.Timeout t -> timeout(node, c, envTime, t.after());
                case TacticOutcome.Rejected r -> new TerminalNode(node, c, envTime, EdgeKind.REJECTED, r.reason());
                case TacticOutcome.Crashed cr -> fault(node, c, envTime, cr.detail());
            };
            edges.add(edge);
            if (edge instanceof StateEdge s) {
                s.state.addIn(s);
            } else if (edge.target().status() == Status.PROVED) {
                break; // the first accepted proof ends the expansion
            }
        }
        tree.expand(node, edges.toArray());
        if (!created.isEmpty()) {
            SearchOutcome criticEnding = scoreAndQueue(created);
            if (ending == null) {
                ending = criticEnding;
            }
        }
        if (tree.root().status() == Status.PROVED) {
            return accepted;
        }
        return ending;
    }

    /** Drops duplicates (counted) and filtered candidates (recorded as edges), best score first. */
    private List<Candidate> usableCandidates(InternalNode node, List<Candidate> candidates, EdgeBuffer edges) {
        List<Candidate> usable = new ArrayList<>(candidates.size());
        List<String> seen = new ArrayList<>(candidates.size());
        for (Candidate c : candidates) {
            String tactic = c.tactic().strip();
            if (tactic.isEmpty() || seen.contains(tactic)) {
                duplicates++;
                continue;
            }
            seen.add(tactic);
            Candidate clean = tactic.length() == c.tactic().length() ? c : new Candidate(tactic, c.logProbSum(), c.tokenCount());
            Optional<String> reason = config.filter().reject(tactic);
            if (reason.isPresent()) {
                filtered++;
                edges.add(new TerminalNode(node, clean, 0, EdgeKind.FILTERED, reason.get()));
            } else {
                usable.add(clean);
            }
        }
        ScoreMode mode = config.scoreMode();
        usable.sort((a, b) -> Double.compare(mode.score(b.logProbSum(), b.tokenCount()),
                mode.score(a.logProbSum(), a.tokenCount())));
        return usable;
    }

    /** The edge of a Progress outcome: to a new state, to a merged one, or a cycle terminal. */
    private Edge stateEdge(InternalNode parent, Candidate c, long envTime, ProofState state, List<InternalNode> created) {
        String key = GoalKey.normalise(state.goals());
        InternalNode known = tree.find(key);
        if (known == null) {
            int depth = parent.depth + 1;
            double pathScore = paths.pathScore() + config.scoreMode().score(c.logProbSum(), c.tokenCount());
            InternalNode child = tree.add(key, state, depth);
            child.priority = config.priority(pathScore, depth);
            created.add(child);
            return new StateEdge(parent, child, c, envTime);
        }
        if (tree.reaches(known, parent)) {
            return new TerminalNode(parent, c, envTime, EdgeKind.CYCLE, "leads back to the state of node " + known.id);
        }
        return new StateEdge(parent, known, c, envTime);
    }

    /** Asks the acceptor about the proof this tactic would close; the answer decides the edge. */
    private TerminalNode accept(InternalNode node, Candidate c, long envTime) {
        List<ProofStep> steps = new ArrayList<>();
        for (Edge e : tree.shortestPathTo(node)) {
            steps.add(new ProofStep(e.source.goals, e.tactic));
        }
        steps.add(new ProofStep(node.goals, c.tactic()));
        Proof proof = new Proof(steps);
        long t0 = clock.nanoTime();
        AcceptanceVerdict verdict;
        try {
            verdict = services.acceptor().check(theorem, proof);
        } finally {
            acceptanceNanos += clock.nanoTime() - t0;
        }
        return switch (verdict) {
            case AcceptanceVerdict.Accepted a -> {
                accepted = new SearchOutcome.Proved(proof, a);
                yield new TerminalNode(node, c, envTime, EdgeKind.PROOF_COMPLETE, "");
            }
            case AcceptanceVerdict.Rejected r -> new TerminalNode(node, c, envTime, EdgeKind.PROOF_REJECTED, r.reason());
            case AcceptanceVerdict.Unchecked u -> fault(node, c, envTime,
                    "the acceptance check could not get an answer from Lean: " + u.reason());
        };
    }

    /**
     * A tactic past the wall-clock deadline (the environment already tried it twice): a TIMEOUT
     * edge, and a fault too. How long a tactic takes on the wall clock depends on the machine (its
     * load, a hung process), so it is not Lean's verdict; Lean's own limit on work, maxHeartbeats,
     * arrives as a Lean error and stays a final no.
     */
    private TerminalNode timeout(InternalNode node, Candidate c, long envTime, Duration after) {
        faults++;
        lastFault = "timed out after " + after;
        return new TerminalNode(node, c, envTime, EdgeKind.TIMEOUT, lastFault);
    }

    /** A step Lean did not answer: a failed edge like any other, but counted, so it never yields a final no. */
    private TerminalNode fault(InternalNode node, Candidate c, long envTime, String detail) {
        faults++;
        lastFault = detail;
        return new TerminalNode(node, c, envTime, EdgeKind.CRASHED, detail);
    }

    /**
     * An attempt that ran out of states or budget after Lean did not answer some of its steps
     * did not get Lean's answer: the lost steps might have led to a proof (or, with a budget, the
     * search might have spent it elsewhere), so it ends {@link FailureReason#LEAN_FAULTS}, which
     * callers retry, rather than as a final no.
     */
    private SearchOutcome faultAware(SearchOutcome outcome) {
        if (faults == 0 || !(outcome instanceof SearchOutcome.Failed f)) {
            return outcome;
        }
        return switch (f.reason()) {
            case FRONTIER_EXHAUSTED, BUDGET_EXPANSIONS, BUDGET_TACTICS, BUDGET_TOKENS, BUDGET_TIME -> failed(
                    FailureReason.LEAN_FAULTS, faults + " step(s) got no answer from Lean (last: " + lastFault
                            + "), then " + f.reason().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
                            + ": " + f.detail());
            case ENVIRONMENT_FAILURE, POLICY_UNAVAILABLE, LEAN_FAULTS, CANCELLED -> outcome;
        };
    }

    /** Puts new states on the frontier, first asking the critic when it takes part. */
    private SearchOutcome scoreAndQueue(List<InternalNode> created) {
        SearchOutcome ending = null;
        if (config.criticMode() != CriticMode.POLICY_ONLY) {
            List<ProofState> states = created.stream().map(InternalNode::state).toList();
            long t0 = clock.nanoTime();
            try {
                List<Double> scores = await(services.critic().score(theorem, states));
                if (scores.size() != created.size()) {
                    throw new IllegalStateException("critic returned " + scores.size() + " scores for "
                            + created.size() + " states");
                }
                for (int i = 0; i < created.size(); i++) {
                    InternalNode n = created.get(i);
                    n.priority = config.criticMode().combine(n.priority, scores.get(i), config.criticWeight());
                }
            } catch (Ended e) {
                ending = e.outcome; // the states stay queued with their policy priority
            } finally {
                criticNanos += clock.nanoTime() - t0;
            }
        }
        for (InternalNode n : created) {
            frontier.add(n.id);
        }
        return ending;
    }

    /** Waits for a model answer within the time budget; cancellation and unavailability end the attempt. */
    private <T> T await(CompletableFuture<T> future) throws Ended {
        pendingRequest = future;
        try {
            if (cancelled) {
                future.cancel(true);
            }
            long left = timeLeftNanos();
            return left == Long.MAX_VALUE ? future.get() : future.get(Math.max(0, left), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new Ended(failed(FailureReason.CANCELLED, "interrupted while waiting for the model"));
        } catch (CancellationException e) {
            throw new Ended(failed(FailureReason.CANCELLED, "cancelled while waiting for the model"));
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new Ended(failed(FailureReason.BUDGET_TIME, "time budget " + config.budgets().maxTime()
                    + " spent waiting for the model"));
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof PolicyUnavailableException u) {
                throw new Ended(failed(FailureReason.POLICY_UNAVAILABLE, u.getMessage()));
            }
            if (cancelled) {
                throw new Ended(failed(FailureReason.CANCELLED, "cancelled while waiting for the model"));
            }
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("model request failed: " + cause, cause);
        } finally {
            pendingRequest = null;
        }
    }

    /** The edges of one expansion: at most one per candidate, usually exactly one, so rarely copied. */
    private static final class EdgeBuffer {
        private final Edge[] items;
        private int size;

        EdgeBuffer(int capacity) {
            items = new Edge[capacity];
        }

        void add(Edge e) {
            items[size++] = e;
        }

        Edge[] toArray() {
            return size == items.length ? items : Arrays.copyOf(items, size);
        }
    }

    /** Internal control flow: a wait that ended the attempt. */
    private static final class Ended extends Exception {
        private static final long serialVersionUID = 1L;
        final transient SearchOutcome outcome;

        Ended(SearchOutcome outcome) {
            super(null, null, false, false);
            this.outcome = outcome;
        }
    }

    private long timeLeftNanos() {
        long max = config.budgets().maxTimeNanos();
        if (max == Long.MAX_VALUE) {
            return Long.MAX_VALUE;
        }
        return max - (clock.nanoTime() - startNanos);
    }

    /** A distinct, reproducible seed per request (SplitMix64's finaliser over the attempt seed and index). */
    private long requestSeed(long index) {
        long z = seed + (index + 1) * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private SearchOutcome.Failed failed(FailureReason reason, String detail) {
        LOG.log(System.Logger.Level.DEBUG, () -> theorem.name() + ": attempt ended, " + reason + ": " + detail);
        return new SearchOutcome.Failed(reason, detail);
    }

    private void publishProgress() {
        shownExpansions = expansions;
        shownTactics = tactics;
        shownTokens = promptTokens + completionTokens;
        shownDepth = tree.maxDepth();
        shownNodes = tree.size();
        if (observer != SearchObserver.NONE) {
            observer.afterExpansion(new SearchProgress(expansions, tactics, tree.size(), tree.maxDepth(),
                    promptTokens + completionTokens, Duration.ofNanos(clock.nanoTime() - startNanos)));
        }
    }
}
