package dev.stepwise.prover.sim.model;

import dev.stepwise.prover.sim.train.TrainedAdapter;
import dev.stepwise.prover.sim.world.SimState;
import dev.stepwise.prover.sim.world.SimTactic;
import dev.stepwise.prover.sim.world.TacticText;
import dev.stepwise.prover.sim.world.World;
import dev.stepwise.prover.sim.world.WorldTheorem;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a loaded adapter adds to the model's weights: at each state it was trained on, its
 * tactic gains {@code strength} times the state's total weight; states of the same theorem
 * whose goals are similar (word overlap of at least a half) and that know the same tactic gain
 * half as much, and such states of other theorems a quarter: what a model learns carries over
 * to similar goals, which is what lets a trained model prove statements it never saw. Keys are
 * (theorem name, state id).
 */
final class Boosts {
    private final Map<String, Map<String, Double>> byState;
    private final int matched;
    private final int unmatched;

    private Boosts(Map<String, Map<String, Double>> byState, int matched, int unmatched) {
        this.byState = byState;
        this.matched = matched;
        this.unmatched = unmatched;
    }

    static Boosts of(TrainedAdapter adapter, StateLocator locator, World world) {
        Map<String, List<Map.Entry<WorldTheorem, SimState>>> byTactic = new HashMap<>();
        for (WorldTheorem t : world.theorems()) {
            for (SimState s : t.states()) {
                for (SimTactic tac : s.tactics()) {
                    byTactic.computeIfAbsent(TacticText.normalize(tac.tactic()), k -> new java.util.ArrayList<>())
                            .add(Map.entry(t, s));
                }
            }
        }
        Map<String, Map<String, Double>> byState = new HashMap<>();
        int matched = 0;
        int unmatched = 0;
        for (TrainedAdapter.Pair e : adapter.examples()) {
            var found = locator.locate(e.prompt());
            if (found.isEmpty()) {
                unmatched++;
                continue;
            }
            matched++;
            WorldTheorem theorem = found.get().theorem();
            SimState state = found.get().state();
            String tactic = e.completion().strip();
            add(byState, theorem, state, tactic, adapter.strength() * Math.max(1, total(state)));
            Set<String> words = words(state);
            for (Map.Entry<WorldTheorem, SimState> near : byTactic.getOrDefault(TacticText.normalize(tactic), List.of())) {
                SimState other = near.getValue();
                if (other != state && similarity(words, words(other)) >= 0.5) {
                    double share = near.getKey() == theorem ? 0.5 : 0.25;
                    add(byState, near.getKey(), other, tactic, adapter.strength() * share * Math.max(1, total(other)));
                }
            }
        }
        return new Boosts(byState, matched, unmatched);
    }

    static Boosts none() {
        return new Boosts(Map.of(), 0, 0);
    }

    /** Extra weight per tactic text at a state (empty when the adapter did not touch it). */
    Map<String, Double> at(WorldTheorem theorem, SimState state) {
        return byState.getOrDefault(key(theorem, state), Map.of());
    }

    int matchedExamples() {
        return matched;
    }

    int unmatchedExamples() {
        return unmatched;
    }

    private static void add(Map<String, Map<String, Double>> m, WorldTheorem t, SimState s, String tactic, double w) {
        m.computeIfAbsent(key(t, s), k -> new LinkedHashMap<>()).merge(TacticText.normalize(tactic), w, Double::sum);
    }

    private static String key(WorldTheorem t, SimState s) {
        return t.name() + "\u0000" + s.id();
    }

    private static double total(SimState s) {
        return s.tactics().stream().mapToDouble(SimTactic::weight).sum();
    }

    private static Set<String> words(SimState s) {
        return new HashSet<>(List.of(StateLocator.normalize(s.goalText()).split(" ")));
    }

    private static double similarity(Set<String> a, Set<String> b) {
        Set<String> inter = new HashSet<>(a);
        inter.retainAll(b);
        Set<String> union = new HashSet<>(a);
        union.addAll(b);
        return union.isEmpty() ? 0 : (double) inter.size() / union.size();
    }
}
