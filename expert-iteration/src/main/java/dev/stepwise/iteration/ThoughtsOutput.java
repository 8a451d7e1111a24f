package dev.stepwise.iteration;

import java.util.List;
import java.util.Objects;

/**
 * What a round's thoughts stage wrote ({@code thoughts.json}): each kept proof step with its
 * retrospective thought, and the counts its summary gives.
 *
 * @param steps kept SFT steps the stage asked about
 * @param fromCache thoughts that were already known for their (state, tactic)
 * @param without steps the model gave no thought for (left out of the thought-augmented files)
 */
public record ThoughtsOutput(String model, String template, List<Entry> entries, int steps, int fromCache, int without) {

    /** One step and its thought. */
    public record Entry(String problem, String attempt, String state, String tactic, String thought) {
        public Entry {
            Objects.requireNonNull(problem, "problem");
            Objects.requireNonNull(attempt, "attempt");
            Objects.requireNonNull(state, "state");
            Objects.requireNonNull(tactic, "tactic");
            Objects.requireNonNull(thought, "thought");
        }
    }

    public ThoughtsOutput {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(template, "template");
        entries = List.copyOf(entries);
    }

    public String summary() {
        return entries.size() + " thoughts for " + steps + " kept steps (" + fromCache + " cached, " + without
                + " without) from " + model + "; thought-augmented files in " + RoundFiles.THOUGHTS_DIR + "/ (template "
                + template + ")";
    }
}
