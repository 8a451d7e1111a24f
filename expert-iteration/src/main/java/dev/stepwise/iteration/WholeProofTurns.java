package dev.stepwise.iteration;

import java.util.Objects;

/**
 * A whole-proof example as a renderer gives it: the prompt (a text, or the conversation's messages
 * in JSON) and the completion.
 */
public record WholeProofTurns(String prompt, String completion, Example.PromptShape shape) {
    public WholeProofTurns {
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(completion, "completion");
        Objects.requireNonNull(shape, "shape");
    }

    /**
     * One link of a repair chain before the accepted reply: a reply Lean refused and the repair
     * turn (Lean's errors) the model was given about it.
     */
    public record Revised(String reply, String feedback) {
        public Revised {
            Objects.requireNonNull(reply, "reply");
            Objects.requireNonNull(feedback, "feedback");
        }
    }
}
