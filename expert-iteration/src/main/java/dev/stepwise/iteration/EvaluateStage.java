package dev.stepwise.iteration;

import dev.stepwise.search.Theorem;
import java.util.List;
import java.util.Locale;

/**
 * Evaluates the model in service and the candidate on the held-out split with the same budget and
 * the same seed, and keeps which statements each proved: the promote stage compares them pair by pair.
 */
final class EvaluateStage implements StageStep {

    @Override
    public String run(RoundContext round) {
        ModelServing.Checkpoint candidate = round.files().read(RoundFiles.TRAIN_DIR + "/" + RoundFiles.CHECKPOINT,
                ModelServing.Checkpoint.class);
        List<Theorem> heldOut = round.selection().heldOut();
        round.lineage().serveCurrent(round.number());
        round.services().serving().load(candidate);
        RoundSearcher searcher = round.services().searcher();
        List<String> current = proved(searcher.search(new RoundSearcher.Job(round.number(), round.runName("evaluate-current"),
                RoundSearcher.Purpose.EVALUATE, round.currentModel(), heldOut, round.seed())));
        List<String> trained = proved(searcher.search(new RoundSearcher.Job(round.number(), round.runName("evaluate-candidate"),
                RoundSearcher.Purpose.EVALUATE, candidate.name(), heldOut, round.seed())));
        StageOutputs.Evaluation e = new StageOutputs.Evaluation(heldOut.size(), round.currentModel(), current.size(), candidate.name(),
                trained.size(), round.seed(), current, trained);
        round.files().write(RoundFiles.EVALUATION, e);
        HeldOutComparison c = e.comparison();
        return String.format(Locale.ROOT, "held-out %d: current %s %d (%.4f), candidate %s %d (%.4f); candidate alone %d,"
                + " current alone %d (seed %d)", e.total(), e.currentModel(), current.size(), e.currentPassRate(), e.candidateModel(),
                trained.size(), e.candidatePassRate(), c.candidateOnly(), c.currentOnly(), e.seed());
    }

    private static List<String> proved(List<SearchedProblem> results) {
        return results.stream().filter(SearchedProblem::proved).map(p -> p.theorem().name()).toList();
    }
}
