package dev.stepwise.prover.iterate;

import dev.stepwise.iteration.ProblemHistory;
import dev.stepwise.prover.store.Store;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** What every stored run (prove, eval, round searches) did with each statement. */
final class StoreProblemHistory implements ProblemHistory {
    private final Store store;

    StoreProblemHistory(Store store) {
        this.store = store;
    }

    @Override
    public Map<String, Past> of(Collection<String> names) {
        Set<String> wanted = new HashSet<>(names);
        Map<String, Past> out = new HashMap<>();
        for (dev.stepwise.prover.store.ProblemHistory h : store.problems().history()) {
            if (wanted.contains(h.name())) {
                out.put(h.name(), new Past(h.attempts(), h.solved()));
            }
        }
        return out;
    }
}
