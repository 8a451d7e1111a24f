package dev.stepwise.iteration;

import dev.stepwise.search.Theorem;
import java.util.List;
import java.util.Objects;

/** What the stages of a round hand on to the later ones, stored as JSON in the round's directory. */
final class StageOutputs {
    private StageOutputs() {
    }

    /**
     * @param train the unsolved statements this round searches, in curriculum order
     * @param heldOut the statements models are evaluated on, never trained on
     * @param poolSize statements in the pool
     * @param solvedBefore pool statements earlier runs solved (they left the pool)
     */
    record Selection(List<Theorem> train, List<Theorem> heldOut, int poolSize, int solvedBefore) {
        Selection {
            train = List.copyOf(train);
            heldOut = List.copyOf(heldOut);
        }
    }

    /**
     * @param searched statements searched
     * @param easy statements the pre-pass solved
     * @param proved proved statements (easy ones included), with their trees
     */
    record SearchOutput(int searched, List<String> easy, List<SearchedProblem> proved) {
        SearchOutput {
            easy = List.copyOf(easy);
            proved = List.copyOf(proved);
        }
    }

    /**
     * Both models on the held-out split, with the same budget and the same seed.
     *
     * @param seed the sampling seed both evaluations used
     * @param currentProved held-out statements the model in service proved; null in files written before they were kept
     * @param candidateProved held-out statements the candidate proved; null likewise
     */
    record Evaluation(int total, String currentModel, int currentSolved, String candidateModel, int candidateSolved, long seed,
            List<String> currentProved, List<String> candidateProved) {
        Evaluation {
            Objects.requireNonNull(currentModel, "currentModel");
            Objects.requireNonNull(candidateModel, "candidateModel");
            if (total < 1) {
                throw new IllegalArgumentException("evaluation needs at least one held-out statement");
            }
            currentProved = currentProved == null ? null : List.copyOf(currentProved);
            candidateProved = candidateProved == null ? null : List.copyOf(candidateProved);
        }

        double currentPassRate() {
            return currentSolved / (double) total;
        }

        double candidatePassRate() {
            return candidateSolved / (double) total;
        }

        /** The pairing of both models' results, which the promote stage decides on. */
        HeldOutComparison comparison() {
            if (currentProved == null || candidateProved == null) {
                throw new IllegalStateException("the evaluation file predates paired evaluation (it lists no proved statements);"
                        + " delete it and resume the round to evaluate again");
            }
            return HeldOutComparison.of(total, currentProved, candidateProved);
        }
    }
}
