package dev.stepwise.iteration;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

/**
 * Keeps easy statements' proofs out (unless configured to keep them), drops what earlier rounds
 * already harvested, and keeps the middle perplexity band under the model in service.
 */
final class FilterStage implements StageStep {

    @Override
    public String run(RoundContext round) {
        Harvest harvest = round.files().read(RoundFiles.HARVEST, Harvest.class);
        RoundSettings s = round.settings();
        List<ExampleFilter> filters = new ArrayList<>();
        if (s.easyProofs() == TrainingChoices.EasyProofs.EXCLUDE) {
            filters.add(new EasyProblemFilter(new HashSet<>(round.searchOutput().easy())));
        }
        filters.add(new DedupFilter(round.services().store().keptHashesBefore(round.number())));
        if (!s.band().equals(PerplexityBand.keepAll())) {
            filters.add(new PerplexityBandFilter(round.services().scorer(), round.currentModel(), s.band()));
        }
        List<Example> examples = new ArrayList<>(harvest.examples());
        // The proofs of the round's conjectures (when its conjecture stage ran) are examples like any other.
        if (round.services().conjecturing().enabled() && Files.exists(round.files().path(RoundFiles.CONJECTURE))) {
            examples.addAll(round.files().read(RoundFiles.CONJECTURE, ConjectureOutput.class).harvest().examples());
        }
        Filtered filtered = ExampleFilter.chain(filters).apply(examples);
        round.files().write(RoundFiles.FILTER, filtered);
        round.services().store().recordExamples(round.number(), filtered);
        return filtered.summary();
    }
}
