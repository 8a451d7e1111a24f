package dev.stepwise.prover.rounds;

import dev.stepwise.iteration.ProblemHistory;
import dev.stepwise.prover.store.ProblemTally;
import dev.stepwise.prover.store.RunProblemRepository;
import dev.stepwise.prover.store.Store;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** The expert-iteration module's view of past runs ({@link ProblemHistory}), from the store. */
public final class StoreProblemHistory implements ProblemHistory {
    private final RunProblemRepository problems;

    public StoreProblemHistory(Store store) {
        this.problems = store.problems();
    }

    @Override
    public Map<String, Past> of(Collection<String> names) {
        Set<String> wanted = new HashSet<>(names);
        Map<String, Past> out = new LinkedHashMap<>();
        for (ProblemTally h : problems.history()) {
            if (wanted.contains(h.name())) {
                out.put(h.name(), new Past(h.attempts(), h.solved()));
            }
        }
        return out;
    }
}
