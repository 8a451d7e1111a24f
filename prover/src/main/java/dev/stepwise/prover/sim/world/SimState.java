package dev.stepwise.prover.sim.world;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One proof state: its goals as Lean pretty-prints them (hypotheses, then {@code ⊢ target}; a
 * first line {@code case NAME} when tagged) and the tactics the world knows at it.
 */
public record SimState(String id, List<String> goals, List<SimTactic> tactics) {
    public SimState {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("state id is blank");
        }
        goals = List.copyOf(goals);
        tactics = List.copyOf(tactics);
        if (goals.isEmpty()) {
            throw new IllegalArgumentException("state " + id + " has no goals (a closed proof is the 'complete' outcome)");
        }
        Set<String> seen = new HashSet<>();
        for (SimTactic t : tactics) {
            if (!seen.add(TacticText.normalize(t.tactic()))) {
                throw new IllegalArgumentException("state " + id + " lists tactic '" + t.tactic() + "' twice");
            }
        }
    }

    /** The tactic whose text equals {@code text} up to whitespace. */
    public Optional<SimTactic> find(String text) {
        String key = TacticText.normalize(text);
        return tactics.stream().filter(t -> TacticText.normalize(t.tactic()).equals(key)).findFirst();
    }

    /** The goals as one text, the way Lean prints several goals (separated by a blank line). */
    public String goalText() {
        return String.join("\n\n", goals);
    }
}
