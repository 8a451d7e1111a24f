package dev.stepwise.prover.store;

import dev.stepwise.search.SearchOutcome;
import dev.stepwise.search.SearchResult;
import java.time.Instant;
import java.util.Objects;

/** Converts the search module's attempt result into the store's attempt; its recorded tree is stored as it is. */
public final class SearchRecords {
    private SearchRecords() {
    }

    /**
     * An attempt that ended without a proof. A budget's name goes into the detail, since the store
     * keeps one reason for all budgets.
     */
    public static NewAttempt failedAttempt(RunId run, String problem, int index, SearchResult result, Instant startedAt) {
        if (!(result.outcome() instanceof SearchOutcome.Failed failed)) {
            throw new IllegalArgumentException("attempt " + index + " of " + problem + " found a proof; use provedAttempt");
        }
        FailureReason reason = switch (failed.reason()) {
            case BUDGET_EXPANSIONS, BUDGET_TACTICS, BUDGET_TOKENS, BUDGET_TIME -> FailureReason.BUDGET_EXHAUSTED;
            case FRONTIER_EXHAUSTED -> FailureReason.FRONTIER_EXHAUSTED;
            // Lean's faults decided the attempt: a failure of the environment, like one that stopped it at the start.
            case ENVIRONMENT_FAILURE, LEAN_FAULTS -> FailureReason.ENVIRONMENT_FAILURE;
            case POLICY_UNAVAILABLE -> FailureReason.POLICY_UNAVAILABLE;
            case CANCELLED -> FailureReason.CANCELLED;
        };
        String detail = switch (failed.reason()) {
            case BUDGET_EXPANSIONS -> budget("expansions", failed.detail());
            case BUDGET_TACTICS -> budget("tactic calls", failed.detail());
            case BUDGET_TOKENS -> budget("tokens", failed.detail());
            case BUDGET_TIME -> budget("time", failed.detail());
            case FRONTIER_EXHAUSTED, ENVIRONMENT_FAILURE, LEAN_FAULTS, POLICY_UNAVAILABLE, CANCELLED -> failed.detail();
        };
        return attempt(run, problem, index, result, startedAt, new AttemptOutcome.NoProof(reason, detail));
    }

    /**
     * An attempt whose proof the search's acceptance check passed, with the gate's full verdict.
     * The proof text is the tactic script, one tactic a line, as it follows {@code := by}.
     */
    public static NewAttempt provedAttempt(RunId run, String problem, int index, SearchResult result, Instant startedAt,
            GateVerdict verdict) {
        Objects.requireNonNull(verdict, "verdict");
        if (!(result.outcome() instanceof SearchOutcome.Proved proved)) {
            throw new IllegalArgumentException("attempt " + index + " of " + problem + " found no proof; use failedAttempt");
        }
        ProofRecord proof = new ProofRecord(proved.proof().tactics(), proved.proof().script(), verdict);
        return attempt(run, problem, index, result, startedAt, new AttemptOutcome.ProofFound(proof));
    }

    private static String budget(String budget, String detail) {
        return detail.isEmpty() ? budget + " budget" : budget + " budget: " + detail;
    }

    private static NewAttempt attempt(RunId run, String problem, int index, SearchResult r, Instant startedAt,
            AttemptOutcome outcome) {
        SearchCounts counts = new SearchCounts(Math.toIntExact(r.expansions()), Math.toIntExact(r.tacticApplications()),
                r.tokens());
        SearchTimings timings = new SearchTimings(r.totalTime(), r.policyTime(), r.environmentTime());
        return new NewAttempt(run, problem, index, r.seed(), r.alpha(), outcome, counts, timings, startedAt,
                startedAt.plus(r.totalTime()), r.tree());
    }
}
