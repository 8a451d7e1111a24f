package dev.stepwise.search;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
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
    private final ModelWait modelWait = new ModelWait(this::isCancelled);
    /** What the attempt spent and counted; it assembles the result. */
    private final SearchLedger ledger;
    /** The first proof the acceptor accepted, with its verdict: what the attempt returns. */
    private SearchOutcome.Proved accepted;

    private Search(Theorem theorem, SearchConfig config, long seed, SearchServices services, SearchObserver observer) {
        this.theorem = Objects.requireNonNull(theorem, "theorem");
        this.config = Objects.requireNonNull(config, "config");
        this.seed = seed;
        this.services = Objects.requireNonNull(services, "services");
        this.observer = Objects.requireNonNull(observer, "observer");
        this.clock = services.clock();
        this.ledger = new SearchLedger(clock);
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
        modelWait.cancelPending();
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
        return ledger.progress();
    }

    // ---- the steps; package-private so tests can check the tree's invariants between them ----

    /** Starts the theorem; null to go on, or how the attempt ended. */
    SearchOutcome begin() {
        ledger.start();
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
            ledger.environmentNanos += clock.nanoTime() - t0;
        }
        return switch (start) {
            case StartOutcome.Failed f -> failed(FailureReason.ENVIRONMENT_FAILURE, f.reason());
            case StartOutcome.StatementRejected r -> failed(FailureReason.STATEMENT_ERROR, r.reason());
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
        if (ledger.expansions >= b.maxExpansions()) {
            return failed(FailureReason.BUDGET_EXPANSIONS, ledger.expansions + " expansions");
        }
        if (ledger.tokens() >= b.maxTokens()) {
            return failed(FailureReason.BUDGET_TOKENS, ledger.tokens() + " policy tokens");
        }
        if (ledger.tactics >= b.maxTactics()) {
            return failed(FailureReason.BUDGET_TACTICS, ledger.tactics + " tactic applications");
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
        return ledger.result(theorem, seed, config, ended, tree, expansionLog);
    }

    // ---- one expansion ----

    private SearchOutcome expand(InternalNode node) {
        List<String> path = paths.pathTo(node);
        ProofState state = node.state();
        PolicyRequest request = new PolicyRequest(theorem, state, path, config.width(), config.temperature(),
                requestSeed(ledger.expansions));
        long t0 = clock.nanoTime();
        Suggestions suggestions = null;
        SearchOutcome ended = null;
        try {
            suggestions = await(services.policy().suggest(request));
        } catch (ModelWait.Ended e) {
            ended = failed(e.reason, e.detail);
        }
        long dt = clock.nanoTime() - t0;
        ledger.policyNanos += dt;
        if (ended != null) {
            expansionLog.policyWithoutExpansion(node.id, dt);
            frontier.add(node.id); // never expanded: still open
            return ended;
        }
        expansionLog.expanded(node.id, dt);
        ledger.expansions++;
        ledger.promptTokens += suggestions.promptTokens();
        ledger.completionTokens += suggestions.completionTokens();

        EdgeBuffer edges = new EdgeBuffer(suggestions.candidates().size());
        List<Candidate> usable = usableCandidates(node, suggestions.candidates(), edges);
        List<InternalNode> created = new ArrayList<>(usable.size());
        SearchOutcome ending = null;
        for (Candidate c : usable) {
            if (cancelled) {
                ending = failed(FailureReason.CANCELLED, "cancelled");
                break;
            }
            if (ledger.tactics >= config.budgets().maxTactics()) {
                ending = failed(FailureReason.BUDGET_TACTICS, ledger.tactics + " tactic applications");
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
                ledger.environmentNanos += clock.nanoTime() - a0;
                if (cancelled) {
                    ending = failed(FailureReason.CANCELLED, "cancelled while applying a tactic");
                    break;
                }
                throw e;
            }
            long envTime = clock.nanoTime() - a0;
            ledger.environmentNanos += envTime;
            ledger.tactics++;
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
                ledger.duplicates++;
                continue;
            }
            seen.add(tactic);
            Candidate clean = tactic.length() == c.tactic().length() ? c : new Candidate(tactic, c.logProbSum(), c.tokenCount(), c.thought());
            Optional<String> reason = config.filter().reject(tactic);
            if (reason.isPresent()) {
                ledger.filtered++;
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
            ledger.acceptanceNanos += clock.nanoTime() - t0;
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
     * A tactic past the wall-clock deadline on a fresh process too (the environment tried it
     * twice): a TIMEOUT edge, that tactic's failure, and the search goes on, as LeanDojo returns a
     * tactic that ran out of time as that tactic's result, a {@code TimeoutError} beside
     * {@code TacticError} (lean-dojo/LeanDojo, src/lean_dojo/interaction/dojo.py, {@code run_tac},
     * commit 01b873e2). Not a fault: a tactic that never ends does so on every process and every
     * resume, so as a fault it kept its problem failed for good; a hung process is what the second
     * try on a fresh one rules out. Counted, and the count is said in the attempt's failure.
     * Crashes, garbage and lost processes stay faults.
     */
    private TerminalNode timeout(InternalNode node, Candidate c, long envTime, Duration after) {
        ledger.timedOut++;
        return new TerminalNode(node, c, envTime, EdgeKind.TIMEOUT, "timed out after " + after);
    }

    /** A step Lean did not answer: a failed edge like any other, but counted, so it never yields a final no. */
    private TerminalNode fault(InternalNode node, Candidate c, long envTime, String detail) {
        ledger.fault(detail);
        return new TerminalNode(node, c, envTime, EdgeKind.CRASHED, detail);
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
            } catch (ModelWait.Ended e) {
                ending = failed(e.reason, e.detail); // the states stay queued with their policy priority
            } finally {
                ledger.criticNanos += clock.nanoTime() - t0;
            }
        }
        for (InternalNode n : created) {
            frontier.add(n.id);
        }
        return ending;
    }

    /** Waits for a model answer within the time budget; cancellation and unavailability end the attempt. */
    private <T> T await(CompletableFuture<T> future) throws ModelWait.Ended {
        return modelWait.await(future, timeLeftNanos(), config.budgets().maxTime());
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

    private long timeLeftNanos() {
        return ledger.timeLeftNanos(config.budgets());
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
        ledger.publish(tree.size(), tree.maxDepth());
        if (observer != SearchObserver.NONE) {
            observer.afterExpansion(ledger.current(tree.size(), tree.maxDepth()));
        }
    }
}
