package dev.stepwise.prover.eval;

import dev.stepwise.prover.run.GateAcceptor;
import dev.stepwise.prover.store.GateVerdict;
import dev.stepwise.prover.store.NewAttempt;
import dev.stepwise.prover.store.RunId;
import dev.stepwise.prover.store.SearchRecords;
import dev.stepwise.prover.store.Verdict;
import dev.stepwise.search.SearchOutcome;
import dev.stepwise.search.SearchResult;
import dev.stepwise.search.Theorem;
import java.time.Instant;

/** One finished attempt as the store's row, with the gate's verdict on its proof. */
final class AttemptRecords {
    private AttemptRecords() {
    }

    static NewAttempt of(RunId run, Theorem theorem, int index, SearchResult r, GateAcceptor gate, Instant endedAt) {
        Instant started = endedAt.minus(r.totalTime());
        return switch (r.outcome()) {
            case SearchOutcome.Proved p -> {
                GateVerdict verdict = gate.verdict(theorem.name(), p.proof().tactics()).orElseThrow(
                        () -> new IllegalStateException("proof of " + theorem.name() + " was accepted without passing the gate"));
                if (verdict.verdict() != Verdict.ACCEPTED) {
                    throw new IllegalStateException("the search kept a proof of " + theorem.name() + " the gate rejected");
                }
                yield SearchRecords.provedAttempt(run, theorem.name(), index, r, started, verdict);
            }
            case SearchOutcome.Failed f -> SearchRecords.failedAttempt(run, theorem.name(), index, r, started);
        };
    }
}
