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
                if (t.outcome() instanceof SimOutcome.Have have) {
                    if (!byId.containsKey(have.state()) || !byId.containsKey(have.hole())) {
                        throw new IllegalArgumentException("theorem " + name + ", state " + s.id() + ", tactic '"
                                + t.tactic() + "': state " + have.state() + " or hole " + have.hole() + " does not exist");
                    }
                    if (!TacticText.normalize(t.tactic()).matches("have .*:= by sorry")) {
                        throw new IllegalArgumentException("theorem " + name + ", state " + s.id() + ", tactic '"
                                + t.tactic() + "': a have outcome's tactic is 'have NAME : TYPE := by sorry'");
                    }
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

    /**
     * The sketches a planner writes for this theorem, in the order it tries them: each a path
     * from the root of {@code have ... := by sorry} tactics ({@link SimOutcome.Have}), in the
     * world's order, then one tactic that closes the main goal (complete or cheat). A theorem
     * without such tactics has none.
     */
    public List<List<SimTactic>> sketches() {
        List<List<SimTactic>> out = new java.util.ArrayList<>();
        sketchesFrom(rootState(), new java.util.ArrayList<>(), out);
        return out;
    }

    private void sketchesFrom(SimState s, List<SimTactic> path, List<List<SimTactic>> out) {
        if (path.size() > 16) {
            return;
        }
        for (SimTactic t : s.tactics()) {
            if (t.outcome() instanceof SimOutcome.Have have) {
                path.add(t);
                sketchesFrom(state(have.state()), path, out);
                path.remove(path.size() - 1);
            } else if (!path.isEmpty() && (t.outcome() instanceof SimOutcome.Complete || t.outcome() instanceof SimOutcome.Cheat)) {
                List<SimTactic> sketch = new java.util.ArrayList<>(path);
                sketch.add(t);
                out.add(List.copyOf(sketch));
            }
        }
    }

    public SimState rootState() {
        return state(root);
    }
}
