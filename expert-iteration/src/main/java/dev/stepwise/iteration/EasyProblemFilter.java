package dev.stepwise.iteration;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Keeps the proofs of statements the cheap pre-pass solved out of training: they teach the model
 * nothing it cannot already do (BFS-Prover).
 */
final class EasyProblemFilter implements ExampleFilter {
    static final String REASON = "easy problem (solved by the pre-pass)";

    private final Set<String> easy;

    EasyProblemFilter(Set<String> easyProblems) {
        this.easy = Set.copyOf(easyProblems);
    }

    @Override
    public Filtered apply(List<Example> examples) {
        List<Example> kept = new ArrayList<>();
        List<Filtered.Drop> dropped = new ArrayList<>();
        for (Example e : examples) {
            if (easy.contains(e.problem())) {
                dropped.add(new Filtered.Drop(e, REASON));
            } else {
                kept.add(e);
            }
        }
        return new Filtered(kept, dropped, Map.of());
    }
}
