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

    /** Pass rates of both models on the held-out split, with the same budget. */
    record Evaluation(int total, String currentModel, int currentSolved, String candidateModel, int candidateSolved) {
        Evaluation {
            Objects.requireNonNull(currentModel, "currentModel");
            Objects.requireNonNull(candidateModel, "candidateModel");
            if (total < 1) {
                throw new IllegalArgumentException("evaluation needs at least one held-out statement");
            }
        }

        double currentPassRate() {
            return currentSolved / (double) total;
        }

        double candidatePassRate() {
            return candidateSolved / (double) total;
        }
    }
}
