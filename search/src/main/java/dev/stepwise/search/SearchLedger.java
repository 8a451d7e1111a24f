package dev.stepwise.search;

import java.time.Duration;
import java.util.Locale;

/**
 * The books of one attempt: what it spent (expansions, tactics, tokens, time per resource), the
 * steps Lean did not answer, the counters other threads may read, and the result assembled from
 * all of it when the attempt ends. {@link Search} decides what to do; this only counts, so the
 * search loop stays about the search. Owned by the attempt's thread: only the {@code shown*}
 * fields and {@code startNanos} are read from others, which is why they alone are volatile.
 * Counting is plain field arithmetic, so the loop allocates nothing here.
 */
final class SearchLedger {
    private final MonotonicClock clock;

    volatile long startNanos;
    long expansions;
    long tactics;
    long promptTokens;
    long completionTokens;
    int filtered;
    int duplicates;
    long policyNanos;
    long environmentNanos;
    long acceptanceNanos;
    long criticNanos;
    /** Tactics that ran past the wall-clock deadline on a fresh process too: failed tactics, counted apart. */
    int timedOut;
    /** Steps Lean did not answer (crashes, garbage, proofs the acceptor could not check), and the last one's detail. */
    private int faults;
    private String lastFault;

    // What progress() shows, written once per expansion; volatile so other threads see them.
    private volatile long shownExpansions;
    private volatile long shownTactics;
    private volatile long shownTokens;
    private volatile int shownNodes;
    private volatile int shownDepth;

    SearchLedger(MonotonicClock clock) {
        this.clock = clock;
    }

    void start() {
        startNanos = clock.nanoTime();
    }

    long tokens() {
        return promptTokens + completionTokens;
    }

    long elapsedNanos() {
        return clock.nanoTime() - startNanos;
    }

    /** What is left of the time budget, or {@link Long#MAX_VALUE} when there is none. */
    long timeLeftNanos(Budgets budgets) {
        long max = budgets.maxTimeNanos();
        if (max == Long.MAX_VALUE) {
            return Long.MAX_VALUE;
        }
        return max - elapsedNanos();
    }

    /** A step Lean did not answer: counted, so the attempt never ends in a final no because of it. */
    void fault(String detail) {
        faults++;
        lastFault = detail;
    }

    /**
     * An attempt that ran out of states or budget after Lean did not answer some of its steps
     * did not get Lean's answer: the lost steps might have led to a proof (or, with a budget, the
     * search might have spent it elsewhere), so it ends {@link FailureReason#LEAN_FAULTS}, which
     * callers retry, rather than as a final no.
     */
    SearchOutcome faultAware(SearchOutcome outcome) {
        if (faults == 0 || !(outcome instanceof SearchOutcome.Failed f)) {
            return outcome;
        }
        return switch (f.reason()) {
            case FRONTIER_EXHAUSTED, BUDGET_EXPANSIONS, BUDGET_TACTICS, BUDGET_TOKENS, BUDGET_TIME -> new SearchOutcome.Failed(
                    FailureReason.LEAN_FAULTS, faults + " step(s) got no answer from Lean (last: " + lastFault
                            + "), then " + f.reason().name().toLowerCase(Locale.ROOT).replace('_', ' ')
                            + ": " + f.detail());
            case ENVIRONMENT_FAILURE, STATEMENT_ERROR, POLICY_UNAVAILABLE, LEAN_FAULTS, CANCELLED -> outcome;
        };
    }

    /**
     * An attempt that ran out of states or budget says how many of its tactics timed out: they
     * failed as tactics (see {@code Search#timeout}), and the count keeps them visible.
     */
    SearchOutcome timeoutAware(SearchOutcome outcome) {
        if (timedOut == 0 || !(outcome instanceof SearchOutcome.Failed f)) {
            return outcome;
        }
        return switch (f.reason()) {
            case FRONTIER_EXHAUSTED, BUDGET_EXPANSIONS, BUDGET_TACTICS, BUDGET_TOKENS, BUDGET_TIME -> new SearchOutcome.Failed(
                    f.reason(), f.detail() + " (" + timedOut + (timedOut == 1 ? " tactic" : " tactics")
                            + " timed out, on a fresh process too: counted as failed tactics)");
            case ENVIRONMENT_FAILURE, STATEMENT_ERROR, POLICY_UNAVAILABLE, LEAN_FAULTS, CANCELLED -> outcome;
        };
    }

    /** Makes the counters after an expansion visible to other threads. */
    void publish(int nodes, int depth) {
        shownExpansions = expansions;
        shownTactics = tactics;
        shownTokens = tokens();
        shownDepth = depth;
        shownNodes = nodes;
    }

    /** The counters after the last expansion, with the elapsed time up to now; safe from any thread. */
    SearchProgress progress() {
        int nodes = shownNodes; // read first: written last, so the others are at least as new
        long started = startNanos;
        Duration elapsed = started == 0 ? Duration.ZERO : Duration.ofNanos(clock.nanoTime() - started);
        return new SearchProgress(shownExpansions, shownTactics, nodes, shownDepth, shownTokens, elapsed);
    }

    /** The current counters, for the attempt's own thread (its observer). */
    SearchProgress current(int nodes, int depth) {
        return new SearchProgress(expansions, tactics, nodes, depth, tokens(), Duration.ofNanos(elapsedNanos()));
    }

    /** The attempt's result: the outcome (Lean's faults taken into account), its tree and what it cost. */
    SearchResult result(Theorem theorem, long seed, SearchConfig config, SearchOutcome ended, SearchTree tree,
            ExpansionLog expansionLog) {
        long total = elapsedNanos();
        SearchOutcome outcome = faultAware(timeoutAware(ended));
        return new SearchResult(theorem.name(), seed, config.alpha(), outcome,
                tree.size() == 0 ? RecordedTree.empty() : tree.record(config.scoreMode(), expansionLog),
                Duration.ofNanos(policyNanos), Duration.ofNanos(environmentNanos), Duration.ofNanos(acceptanceNanos),
                Duration.ofNanos(criticNanos), Duration.ofNanos(total), tree.size(), expansions, tactics,
                promptTokens, completionTokens, filtered, duplicates, tree.maxDepth());
    }
}
