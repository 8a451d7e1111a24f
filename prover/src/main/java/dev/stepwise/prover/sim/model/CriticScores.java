package dev.stepwise.prover.sim.model;

import dev.stepwise.prover.sim.world.SimOutcome;
import dev.stepwise.prover.sim.world.SimState;
import dev.stepwise.prover.sim.world.SimTactic;
import dev.stepwise.prover.sim.world.World;
import dev.stepwise.prover.sim.world.WorldTheorem;
import java.util.HashMap;
import java.util.Map;

/**
 * What the simulated critic answers for a state: minus the fewest tactics from it to a proof in
 * the world's graph (a perfect critic, so tests can tell a critic-ordered search from a
 * policy-ordered one); a state with no way to a proof (or text that is no state of the world)
 * scores below every state that has one.
 */
final class CriticScores {
    private final StateLocator locator;
    private final Map<String, Map<String, Integer>> distances = new HashMap<>();
    private final double dead;

    CriticScores(World world, StateLocator locator) {
        this.locator = locator;
        int most = 0;
        for (WorldTheorem t : world.theorems()) {
            distances.put(t.name(), distances(t));
            most = Math.max(most, t.states().size());
        }
        this.dead = -(most + 1);
    }

    /** Fewest tactics to a proof from each state that has one: relaxed until nothing shortens (graphs are small). */
    private static Map<String, Integer> distances(WorldTheorem t) {
        Map<String, Integer> d = new HashMap<>();
        boolean changed = true;
        while (changed) {
            changed = false;
            for (SimState s : t.states()) {
                for (SimTactic tactic : s.tactics()) {
                    Integer via = switch (tactic.outcome()) {
                        case SimOutcome.Complete c -> 1;
                        case SimOutcome.Next n -> d.containsKey(n.state()) ? d.get(n.state()) + 1 : null;
                        default -> null;
                    };
                    if (via != null && via < d.getOrDefault(s.id(), Integer.MAX_VALUE)) {
                        d.put(s.id(), via);
                        changed = true;
                    }
                }
            }
        }
        return d;
    }

    double score(String input) {
        var located = locator.locate(input);
        if (located.isEmpty()) {
            return dead; // the search never asks about "no goals": a finished proof is no state to rank
        }
        Integer d = distances.get(located.get().theorem().name()).get(located.get().state().id());
        return d == null ? dead : -d;
    }
}
