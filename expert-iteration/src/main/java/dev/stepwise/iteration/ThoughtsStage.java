package dev.stepwise.iteration;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Lean-STaR's retrospective thoughts: for every proof step the filter kept as an SFT example, the
 * thought that leads from its state to its tactic, asked of the configured model; then the same
 * steps as thought-augmented training files (a thought, then the tactic, in the thinking template)
 * in {@code thoughts/} beside the round's export, with their manifest. Off by default.
 */
final class ThoughtsStage implements StageStep {

    @Override
    public String run(RoundContext round) {
        ThoughtWriter writer = round.services().thoughts();
        if (!writer.enabled()) {
            return "off (iterate.thoughts is false)";
        }
        Filtered filtered = round.files().read(RoundFiles.FILTER, Filtered.class);
        Set<String> kept = new HashSet<>();
        for (Example e : filtered.kept()) {
            if (e instanceof Example.Sft) {
                kept.add(e.contentHash());
            }
        }
        PromptRenderer policy = round.services().renderer();
        List<TacticStep> steps = new ArrayList<>();
        for (TacticStep s : Harvester.steps(round.searchOutput().proved())) {
            Example.Sft sft = new Example.Sft(s.problem(), s.attempt(), policy.prompt(s.theorem(), s.proofBefore(), s.state()),
                    policy.completion(s.searchThought(), s.tactic()));
            if (kept.remove(sft.contentHash())) {
                steps.add(s);
            }
        }
        ThoughtWriter.Written written = writer.write(steps);
        if (written.thoughts().size() != steps.size()) {
            throw new IllegalStateException("the thought writer answered " + written.thoughts().size() + " thoughts for "
                    + steps.size() + " steps");
        }
        PromptRenderer thinking = writer.renderer();
        List<ThoughtsOutput.Entry> entries = new ArrayList<>();
        List<Example> augmented = new ArrayList<>();
        int without = 0;
        for (int i = 0; i < steps.size(); i++) {
            TacticStep s = steps.get(i);
            String thought = written.thoughts().get(i).strip();
            if (thought.isEmpty()) {
                without++;
                continue;
            }
            entries.add(new ThoughtsOutput.Entry(s.problem(), s.attempt(), s.state(), s.tactic(), thought));
            augmented.add(new Example.Sft(s.problem(), s.attempt(), thinking.prompt(s.theorem(), s.proofBefore(), s.state()),
                    thinking.completion(thought, s.tactic())));
        }
        ThoughtsOutput out = new ThoughtsOutput(writer.model(), thinking.name(), entries, steps.size(), written.fromCache(), without);
        Map<String, String> provenance = new LinkedHashMap<>();
        provenance.put("round", Integer.toString(round.number()));
        provenance.put("pool", round.poolName());
        provenance.put("thoughts-model", writer.model());
        provenance.put("template", thinking.name());
        provenance.put("config-sha256", Sha256.ofFields(round.configJson()));
        new Exporter(round.services().json(), round.settings().validFraction(), thinking.trainingFormat())
                .export(augmented, round.files().path(RoundFiles.THOUGHTS_DIR), round.number(), thinking.name(),
                        thinking.criticInput(), provenance);
        round.files().write(RoundFiles.THOUGHTS, out);
        return out.summary();
    }
}
