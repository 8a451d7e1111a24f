package dev.stepwise.prover.sim.generate;

import dev.stepwise.prover.sim.world.SimOutcome;
import dev.stepwise.prover.sim.world.SimState;
import dev.stepwise.prover.sim.world.SimTactic;
import dev.stepwise.prover.sim.world.WorldTheorem;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * The sketches a generated theorem's planner writes (docs/world-format.md, "Sketches"): up to
 * three {@code have} holes at the root, each a one-goal state of the graph, closed by one tactic.
 * A good sketch's hole is a state the graph can prove (so the step search starts deeper than the
 * root), a wrong one's a state it cannot, and a cheating one closes the main goal with
 * {@code native_decide}, which the gate refuses; two sketches with the same hole give the
 * subgoal cache its hits. Every added tactic has weight 0, so the step-prover never suggests it and
 * step-mode runs of a world are the same with or without sketches; the choices come from a random
 * stream of their own, so the rest of the world is drawn as before.
 */
final class SketchPlans {
    private enum Kind {
        GOOD,
        WRONG_HOLE,
        CHEAT
    }

    private SketchPlans() {
    }

    /** {@code states} (the root first) with the sketches' holes at the root and their main-goal states added. */
    /** @param cheats whether a cheating sketch may be among them (the world's cheat rate is above 0) */
    static List<SimState> addTo(String name, List<SimState> states, Random rng, boolean cheats) {
        WorldTheorem t = new WorldTheorem(name, "", "", false, states.get(0).id(), states);
        Set<String> proved = t.statesWithAProof();
        SimState root = states.get(0);
        List<SimState> good = new ArrayList<>();
        List<SimState> wrong = new ArrayList<>();
        for (SimState s : states.subList(1, states.size())) {
            if (s.goals().size() == 1 && s.goals().get(0).contains("⊢ ")) {
                (proved.contains(s.id()) ? good : wrong).add(s);
            }
        }
        List<Kind> kinds = new ArrayList<>();
        if (!good.isEmpty() && rng.nextDouble() < 0.7) {
            kinds.add(Kind.GOOD);
        }
        if (!wrong.isEmpty() && rng.nextDouble() < 0.5) {
            kinds.add(Kind.WRONG_HOLE);
        }
        if (!good.isEmpty() && rng.nextDouble() < 0.3 && cheats) {
            kinds.add(Kind.CHEAT);
        }
        if (kinds.isEmpty() || root.goals().size() != 1 || !root.goals().get(0).contains("⊢ ")) {
            return states;
        }
        Collections.shuffle(kinds, rng);
        // A good and a cheating sketch share their hole: the second asks the cache.
        SimState goodHole = good.isEmpty() ? null : good.get(rng.nextInt(good.size()));
        List<SimTactic> rootTactics = new ArrayList<>(root.tactics());
        List<SimState> out = new ArrayList<>(states);
        for (int k = 0; k < kinds.size(); k++) {
            SimState hole = kinds.get(k) == Kind.WRONG_HOLE ? wrong.get(rng.nextInt(wrong.size())) : goodHole;
            String fact = "hsk" + (k + 1);
            String target = target(hole.goals().get(0));
            String goal = root.goals().get(0);
            int turnstile = goal.lastIndexOf("⊢ ");
            SimState main = new SimState(root.id() + "_sketch" + (k + 1), List.of(goal.substring(0, turnstile) + fact + " : "
                    + target + "\n" + goal.substring(turnstile)), List.of(kinds.get(k) == Kind.CHEAT
                    ? new SimTactic("native_decide", 0, new SimOutcome.Cheat(SimOutcome.CheatKind.AXIOM, "Lean.ofReduceBool"))
                    : new SimTactic("linarith [" + fact + "]", 0, new SimOutcome.Complete())));
            out.add(main);
            rootTactics.add(new SimTactic("have " + fact + " : " + target + " := by sorry", 0,
                    new SimOutcome.Have(main.id(), hole.id())));
        }
        out.set(0, new SimState(root.id(), root.goals(), rootTactics));
        return out;
    }

    /** The target of a one-goal state: what follows its {@code ⊢}, on one line. */
    private static String target(String goal) {
        return goal.substring(goal.lastIndexOf("⊢ ") + 2).strip().replaceAll("\\s+", " ");
    }
}
