package dev.stepwise.prover.eval;

import dev.stepwise.prover.store.NewAttempt;
import dev.stepwise.prover.store.RunId;
import dev.stepwise.prover.store.SearchRecords;
import dev.stepwise.search.SearchOutcome;
import dev.stepwise.search.SearchResult;
import dev.stepwise.search.Theorem;
import java.time.Instant;

/** One finished attempt as the store's row; a proof's acceptance verdict comes with it in the search's outcome. */
final class AttemptRecords {
    private AttemptRecords() {
    }

    static NewAttempt of(RunId run, Theorem theorem, int index, SearchResult r, Instant endedAt) {
        Instant started = endedAt.minus(r.totalTime());
        return switch (r.outcome()) {
            case SearchOutcome.Proved p -> SearchRecords.provedAttempt(run, theorem.name(), index, r, started);
            case SearchOutcome.Failed f -> SearchRecords.failedAttempt(run, theorem.name(), index, r, started);
        };
    }

    /** A whole-proof attempt: every edge of its tree is one proof it checked, a sample or a revision of one. */
    static NewAttempt wholeProof(RunId run, Theorem theorem, int index, SearchResult r, Instant endedAt) {
        return SearchRecords.wholeProofAttempt(run, theorem.name(), index, r, endedAt.minus(r.totalTime()),
                r.tree().edges().size() - r.revisions(), r.revisions());
    }

    /** A sketch attempt: every edge of its tree is one sketch the planner wrote. */
    static NewAttempt sketch(RunId run, Theorem theorem, int index, SearchResult r, Instant endedAt) {
        return SearchRecords.sketchAttempt(run, theorem.name(), index, r, endedAt.minus(r.totalTime()), r.tree().edges().size());
    }
}
