package dev.stepwise.iteration;

import dev.stepwise.search.Theorem;
import java.util.List;
import java.util.Objects;

/**
 * One step of a harvested proof: the state, the tactic the proof applied there, and what came
 * before it, with the statement and attempt it came from, and the thought the search's model wrote
 * before the tactic ("" for none). The thoughts stage asks for the thought that leads from the
 * state to the tactic.
 */
public record TacticStep(String problem, String attempt, Theorem theorem, List<String> proofBefore, String state,
        String tactic, String searchThought) {
    public TacticStep {
        Objects.requireNonNull(problem, "problem");
        Objects.requireNonNull(attempt, "attempt");
        Objects.requireNonNull(theorem, "theorem");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(tactic, "tactic");
        Objects.requireNonNull(searchThought, "searchThought");
        proofBefore = List.copyOf(proofBefore);
    }
}
