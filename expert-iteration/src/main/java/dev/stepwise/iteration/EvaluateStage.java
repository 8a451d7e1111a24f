package dev.stepwise.iteration;

import java.util.List;
import java.util.Locale;

/** Evaluates the model in service and the candidate on the held-out split with the same budget. */
final class EvaluateStage implements StageStep {

    @Override
    public String run(RoundContext round) {
        ModelServing.Checkpoint candidate = round.files().read(RoundFiles.TRAIN_DIR + "/" + RoundFiles.CHECKPOINT,
                ModelServing.Checkpoint.class);
        List<dev.stepwise.search.Theorem> heldOut = round.selection().heldOut();
        round.lineage().serveCurrent(round.number());
        round.services().serving().load(candidate);
        RoundSearcher searcher = round.services().searcher();
        int current = solved(searcher.search(new RoundSearcher.Job(round.number(), round.runName("evaluate-current"), RoundSearcher.Purpose.EVALUATE,
                round.currentModel(), heldOut)));
        int trained = solved(searcher.search(new RoundSearcher.Job(round.number(), round.runName("evaluate-candidate"),
                RoundSearcher.Purpose.EVALUATE, candidate.name(), heldOut)));
        StageOutputs.Evaluation e = new StageOutputs.Evaluation(heldOut.size(), round.currentModel(), current, candidate.name(), trained);
        round.files().write(RoundFiles.EVALUATION, e);
        return String.format(Locale.ROOT, "held-out %d: current %s %d (%.4f), candidate %s %d (%.4f)", e.total(), e.currentModel(),
                current, e.currentPassRate(), e.candidateModel(), trained, e.candidatePassRate());
    }

    private static int solved(List<SearchedProblem> results) {
        return (int) results.stream().filter(SearchedProblem::proved).count();
    }
}
