package dev.stepwise.prover.sim.model;

import dev.stepwise.prover.sim.train.TrainedAdapter;
import dev.stepwise.prover.sim.world.SimState;
import dev.stepwise.prover.sim.world.SimTactic;
import dev.stepwise.prover.sim.world.Skills;
import dev.stepwise.prover.sim.world.TacticText;
import dev.stepwise.prover.sim.world.WorldTheorem;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a loaded adapter changes in the model's weights. Transfer comes from skills: the
 * adapter's examples raise the levels of the skills they use ({@link SkillLevels}), and every
 * tactic of a skill, at every state of every theorem, is weighted by its skill's factor; that is
 * what lets a trained model prove statements it never saw. On top of that the adapter memorises
 * its own pairs: at each trained state its tactic gains {@code strength} times the state's total
 * weight, times the memorisation of the training intensity. Keys are (theorem name, state id).
 */
final class Boosts {
    private final Map<String, Map<String, Double>> pairs;
    private final SkillLevels skills;
    /** Per theorem, the states from which a proof exists; computed when a theorem is first asked about. */
    private final Map<String, Set<String>> withAProof = new ConcurrentHashMap<>();
    private final int matched;
    private final int unmatched;

    private Boosts(Map<String, Map<String, Double>> pairs, SkillLevels skills, int matched, int unmatched) {
        this.pairs = pairs;
        this.skills = skills;
        this.matched = matched;
        this.unmatched = unmatched;
    }

    static Boosts of(TrainedAdapter adapter, StateLocator locator) {
        TrainedAdapter.Training training = adapter.training();
        double memorise = adapter.strength() * SkillLevels.memorisation(training);
        Map<String, Map<String, Double>> pairs = new HashMap<>();
        Map<String, SkillLevels.Evidence> evidence = new HashMap<>();
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
            count(evidence, theorem.statesWithAProof(), state, tactic);
            if (e.rejected() != null) {
                SimTactic known = find(state, e.rejected());
                evidence.computeIfAbsent(known == null ? Skills.of(e.rejected()) : known.skill(), k -> new SkillLevels.Evidence())
                        .rejected += 1;
            }
            if (memorise > 0 && !tactic.isEmpty()) {
                pairs.computeIfAbsent(key(theorem, state), k -> new LinkedHashMap<>())
                        .merge(TacticText.normalize(tactic), memorise * Math.max(1, total(state)), Double::sum);
            }
        }
        return new Boosts(pairs, SkillLevels.learn(evidence, training), matched, unmatched);
    }

    static Boosts none() {
        return new Boosts(Map.of(), SkillLevels.none(), 0, 0);
    }

    /** Extra weight per tactic text at a state: its skill's factor applied to its weight, plus what memorisation adds. */
    Map<String, Double> at(WorldTheorem theorem, SimState state) {
        Map<String, Double> out = new LinkedHashMap<>(pairs.getOrDefault(key(theorem, state), Map.of()));
        Set<String> proofs = withAProof.computeIfAbsent(theorem.name(), k -> theorem.statesWithAProof());
        for (SimTactic t : state.tactics()) {
            double extra = t.weight() * (skills.multiplier(t, WorldTheorem.leadsToAProof(t, proofs)) - 1);
            if (extra != 0) {
                out.merge(TacticText.normalize(t.tactic()), extra, Double::sum);
            }
        }
        return out;
    }

    SkillLevels skills() {
        return skills;
    }

    int matchedExamples() {
        return matched;
    }

    int unmatchedExamples() {
        return unmatched;
    }

    /**
     * One example's evidence: a tactic that leads to a proof from its state counts for its skill's
     * gain by its learnable surprise under the base model ({@link SkillLevels#learnable}: proofs the
     * model already finds teach little, tactics far below what it samples are memorised rather
     * than generalised) and for its habit by its base probability p (training on what the model
     * already does sharpens it); any other (unknown here, failing, or leading nowhere) teaches its
     * skill to misfire.
     */
    private static void count(Map<String, SkillLevels.Evidence> evidence, Set<String> withAProof, SimState state, String tactic) {
        SimTactic known = find(state, tactic);
        if (known != null && WorldTheorem.leadsToAProof(known, withAProof)) {
            double total = total(state);
            double p = total > 0 ? known.weight() / total : 0;
            SkillLevels.Evidence e = evidence.computeIfAbsent(known.skill(), k -> new SkillLevels.Evidence());
            e.applied += SkillLevels.learnable(p);
            e.habit += p;
        } else {
            evidence.computeIfAbsent(known == null ? Skills.of(tactic) : known.skill(), k -> new SkillLevels.Evidence())
                    .misapplied += 1;
        }
    }

    private static SimTactic find(SimState state, String tactic) {
        String key = TacticText.normalize(tactic);
        for (SimTactic t : state.tactics()) {
            if (TacticText.normalize(t.tactic()).equals(key)) {
                return t;
            }
        }
        return null;
    }

    private static String key(WorldTheorem t, SimState s) {
        return t.name() + "\u0000" + s.id();
    }

    private static double total(SimState s) {
        return s.tactics().stream().mapToDouble(SimTactic::weight).sum();
    }
}
