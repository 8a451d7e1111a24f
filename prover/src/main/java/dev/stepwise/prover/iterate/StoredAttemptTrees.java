package dev.stepwise.prover.iterate;

import dev.stepwise.iteration.Difficulty;
import dev.stepwise.iteration.SearchedAttempt;
import dev.stepwise.iteration.SearchedProblem;
import dev.stepwise.prover.store.Attempt;
import dev.stepwise.prover.rounds.IterationRecords;
import dev.stepwise.prover.store.RunId;
import dev.stepwise.prover.store.Store;
import dev.stepwise.search.Theorem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A stored run's attempts as harvesting reads them. Rounds read their searches back from the
 * store rather than from the scheduler's results, so a search resumed after a kill hands over
 * exactly what an uninterrupted one would have.
 */
final class StoredAttemptTrees {
    private StoredAttemptTrees() {
    }

    /** One result per theorem, in the given order, each with every stored attempt of the run. */
    static List<SearchedProblem> of(Store store, RunId run, List<Theorem> theorems) {
        Map<String, List<Attempt>> byProblem = new LinkedHashMap<>();
        for (Attempt a : store.attempts().forRun(run)) {
            byProblem.computeIfAbsent(a.problem(), k -> new ArrayList<>()).add(a);
        }
        List<SearchedProblem> out = new ArrayList<>(theorems.size());
        for (Theorem t : theorems) {
            List<SearchedAttempt> trees = new ArrayList<>();
            for (Attempt a : byProblem.getOrDefault(t.name(), List.of())) {
                trees.add(IterationRecords.attemptTree(a, store.attempts().tree(a.id())));
            }
            out.add(new SearchedProblem(t, Difficulty.REGULAR, trees));
        }
        return out;
    }
}
