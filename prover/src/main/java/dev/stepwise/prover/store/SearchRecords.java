package dev.stepwise.prover.store;

import dev.stepwise.search.AttemptMode;
import dev.stepwise.search.SearchOutcome;
import dev.stepwise.search.SearchResult;
import java.time.Instant;
import java.util.Objects;

/** Converts the search module's attempt result into the store's attempt; its recorded tree is stored as it is. */
public final class SearchRecords {
    private SearchRecords() {
    }

    /**
     * An attempt that ended without a proof. The store keeps one code for all budgets and names the
     * budget in the detail ({@link OutcomeCodes}).
     */
    public static NewAttempt failedAttempt(RunId run, String problem, int index, SearchResult result, Instant startedAt) {
        if (!(result.outcome() instanceof SearchOutcome.Failed)) {
            throw new IllegalArgumentException("attempt " + index + " of " + problem + " found a proof; use provedAttempt");
        }
        return attempt(run, problem, index, result, startedAt);
    }

    /**
     * An attempt whose proof the search's acceptance check passed; the check's verdict comes with
     * the proof in the search's outcome.
     */
    public static NewAttempt provedAttempt(RunId run, String problem, int index, SearchResult result, Instant startedAt) {
        if (!(result.outcome() instanceof SearchOutcome.Proved)) {
            throw new IllegalArgumentException("attempt " + index + " of " + problem + " found no proof; use failedAttempt");
        }
        return attempt(run, problem, index, result, startedAt);
    }

    /** A whole-proof attempt: its tree holds one edge per proof it checked, {@code samples} sampled and {@code revisions} revised. */
    public static NewAttempt wholeProofAttempt(RunId run, String problem, int index, SearchResult result, Instant startedAt,
            int samples, int revisions) {
        NewAttempt a = attempt(run, problem, index, result, startedAt);
        return new NewAttempt(a.run(), a.problem(), a.index(), a.seed(), a.alpha(), a.outcome(), a.counts(), a.timings(),
                a.startedAt(), a.endedAt(), a.tree(), AttemptMode.WHOLE_PROOF, samples, revisions);
    }

    /** A sketch attempt: its tree holds one edge per sketch the planner wrote ({@code sketches} of them). */
    public static NewAttempt sketchAttempt(RunId run, String problem, int index, SearchResult result, Instant startedAt,
            int sketches) {
        NewAttempt a = attempt(run, problem, index, result, startedAt);
        return new NewAttempt(a.run(), a.problem(), a.index(), a.seed(), a.alpha(), a.outcome(), a.counts(), a.timings(),
                a.startedAt(), a.endedAt(), a.tree(), AttemptMode.SKETCH, sketches, 0);
    }

    private static NewAttempt attempt(RunId run, String problem, int index, SearchResult r, Instant startedAt) {
        SearchCounts counts = new SearchCounts(Math.toIntExact(r.expansions()), Math.toIntExact(r.tacticApplications()),
                r.tokens());
        SearchTimings timings = new SearchTimings(r.totalTime(), r.policyTime(), r.environmentTime());
        return new NewAttempt(run, problem, index, r.seed(), r.alpha(), r.outcome(), counts, timings, startedAt,
                startedAt.plus(r.totalTime()), r.tree());
    }
}
