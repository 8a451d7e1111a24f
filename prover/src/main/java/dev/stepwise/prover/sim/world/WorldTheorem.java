package dev.stepwise.prover.sim.world;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One theorem of a world: its name, header and statement (ending in {@code := by}) exactly as a
 * dataset gives them, whether a real proof exists in the graph, the id of the root state and
 * the proof-state graph.
 */
public record WorldTheorem(String name, String header, String statement, boolean provable, String root,
        List<SimState> states) {

    public WorldTheorem {
        Objects.requireNonNull(header, "header of " + name);
        Objects.requireNonNull(statement, "statement of " + name);
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("theorem name is blank");
        }
        states = List.copyOf(states);
        Map<String, SimState> byId = new HashMap<>();
        for (SimState s : states) {
            if (byId.putIfAbsent(s.id(), s) != null) {
                throw new IllegalArgumentException("theorem " + name + ": state id " + s.id() + " is used twice");
            }
        }
        if (!byId.containsKey(root)) {
            throw new IllegalArgumentException("theorem " + name + ": root state " + root + " is not among its states");
        }
        for (SimState s : states) {
            for (SimTactic t : s.tactics()) {
                if (t.outcome() instanceof SimOutcome.Next next && !byId.containsKey(next.state())) {
                    throw new IllegalArgumentException("theorem " + name + ", state " + s.id() + ", tactic '"
                            + t.tactic() + "': next state " + next.state() + " does not exist");
                }
            }
        }
    }

    public SimState state(String id) {
        for (SimState s : states) {
            if (s.id().equals(id)) {
                return s;
            }
        }
        throw new IllegalArgumentException("theorem " + name + " has no state " + id);
    }

    /**
     * The ids of the states from which a proof exists in the graph (a chain of tactics ending in one
     * that completes): what a tactic must lead to for it to help (docs/world-format.md, "The model of learning").
     */
    public Set<String> statesWithAProof() {
        Set<String> out = new HashSet<>();
        boolean grew = true;
        while (grew) {
            grew = false;
            for (SimState s : states) {
                if (!out.contains(s.id()) && s.tactics().stream().anyMatch(t -> leadsToAProof(t, out))) {
                    out.add(s.id());
                    grew = true;
                }
            }
        }
        return out;
    }

    /** Whether a tactic completes the proof or leads to one of {@code withAProof}. */
    public static boolean leadsToAProof(SimTactic t, Set<String> withAProof) {
        return t.outcome() instanceof SimOutcome.Complete
                || t.outcome() instanceof SimOutcome.Next next && withAProof.contains(next.state());
    }

    public SimState rootState() {
        return state(root);
    }
}
