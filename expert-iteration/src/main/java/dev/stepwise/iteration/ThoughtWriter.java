package dev.stepwise.iteration;

import java.util.List;
import java.util.Objects;

/**
 * Writes retrospective thoughts (Lean-STaR): for a proof step already found, the informal thought
 * that leads from its state to its tactic, asked of a general model by the application (batched
 * and cached by state and tactic there). {@link #OFF} is the writer of a round whose thoughts
 * stage is off.
 */
public interface ThoughtWriter {

    /** The thoughts of a batch of steps, in their order ("" where the model gave none), and how many came from the cache. */
    record Written(List<String> thoughts, int fromCache) {
        public Written {
            thoughts = List.copyOf(thoughts);
            if (fromCache < 0 || fromCache > thoughts.size()) {
                throw new IllegalArgumentException("from-cache count " + fromCache + " of " + thoughts.size() + " thoughts");
            }
        }
    }

    /** Whether the round's thoughts stage runs. */
    boolean enabled();

    /** The model the thoughts come from, for the export's provenance. */
    String model();

    /** The thinking step template the thought-augmented training files are written in. */
    PromptRenderer renderer();

    /** One thought per step, in order. */
    Written write(List<TacticStep> steps);

    /** The writer of a round without thoughts: the stage records that it is off and writes nothing. */
    ThoughtWriter OFF = new ThoughtWriter() {
        @Override
        public boolean enabled() {
            return false;
        }

        @Override
        public String model() {
            return "";
        }

        @Override
        public PromptRenderer renderer() {
            throw new IllegalStateException("the thoughts stage is off");
        }

        @Override
        public Written write(List<TacticStep> steps) {
            Objects.requireNonNull(steps, "steps");
            throw new IllegalStateException("the thoughts stage is off");
        }
    };
}
