package dev.stepwise.iteration;

import dev.stepwise.search.Theorem;
import java.util.List;
import java.util.Optional;

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

    /**
     * The example a whole-proof model learns from a proof it wrote, in the model's own format: the
     * prompt its whole-proof template gave the attempt, continued (for a revision) by each earlier
     * reply and the repair turn that answered it, and the accepted reply as the completion. Empty
     * when the round's model has no whole-proof format (a step template's round).
     *
     * @param earlier the chain before the accepted reply, oldest first (empty for a reply to the prompt itself)
     * @param reply the accepted reply as the model wrote it
     */
    default Optional<WholeProofTurns> wholeProof(Theorem theorem, List<WholeProofTurns.Revised> earlier, String reply) {
        return Optional.empty();
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
