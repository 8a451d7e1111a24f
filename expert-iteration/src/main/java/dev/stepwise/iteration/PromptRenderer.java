package dev.stepwise.iteration;

import dev.stepwise.search.Theorem;
import java.util.List;

/**
 * The model's prompt format, provided by the application: the same code, with the same
 * truncation, that renders the search's prompts, so training prompts match them byte for byte.
 */
public interface PromptRenderer {

    /** The template's name, recorded in the export manifest. */
    String name();

    /** The prompt for proving {@code state} after {@code proofBefore} in {@code theorem}. */
    String prompt(Theorem theorem, List<String> proofBefore, String state);

    /** The completion the model should write for {@code tactic}. */
    String completion(String tactic);

    /** The completion a model that thinks first should write for {@code thought} then {@code tactic}; others leave the thought out. */
    default String completion(String thought, String tactic) {
        return completion(tactic);
    }

    /** How the critic is asked about a state, for the exported critic pairs; the state alone unless the application says. */
    default CriticInput criticInput() {
        return CriticInput.PLAIN;
    }

    /** The length limit and end text the training files and the trainer's configuration follow. */
    default TrainingFormat trainingFormat() {
        return TrainingFormat.PLAIN;
    }
}
