package dev.stepwise.iteration;

import dev.stepwise.search.Theorem;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Searches the selected statements with the model in service: first the optional cheap pre-pass,
 * whose solved statements are easy, then the round's search on the rest.
 */
final class SearchStage implements StageStep {

    @Override
    public String run(RoundContext round) {
        RoundSearcher searcher = round.services().searcher();
        List<Theorem> train = round.selection().train();
        round.lineage().serveCurrent(round.number());
        List<SearchedProblem> proved = new ArrayList<>();
        Set<String> easy = new HashSet<>();
        if (round.settings().prepass() == TrainingChoices.Prepass.ON) {
            for (SearchedProblem p : searcher.search(new RoundSearcher.Job(round.number(), round.runName("prepass"), RoundSearcher.Purpose.PREPASS,
                    round.currentModel(), train, round.seed()))) {
                if (p.proved()) {
                    easy.add(p.theorem().name());
                    proved.add(new SearchedProblem(p.theorem(), Difficulty.EASY, p.attempts()));
                }
            }
        }
        List<Theorem> rest = train.stream().filter(t -> !easy.contains(t.name())).toList();
        List<SearchedProblem> results = rest.isEmpty() ? List.of() : searcher.search(new RoundSearcher.Job(round.number(), round.runName("search"),
                RoundSearcher.Purpose.SEARCH, round.currentModel(), rest, round.seed()));
        for (SearchedProblem p : results) {
            if (p.proved()) {
                proved.add(new SearchedProblem(p.theorem(), Difficulty.REGULAR, p.attempts()));
            }
        }
        List<String> easyNames = train.stream().map(Theorem::name).filter(easy::contains).toList();
        round.files().write(RoundFiles.SEARCH, new StageOutputs.SearchOutput(train.size(), easyNames, proved));
        return "searched " + train.size() + " with " + round.currentModel() + ": proved " + proved.size() + " (" + easy.size()
                + " easy by the pre-pass)";
    }
}
