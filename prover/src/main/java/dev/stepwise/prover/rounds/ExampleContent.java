package dev.stepwise.prover.rounds;

import java.util.Objects;

/** The text of a training example: a completion for SFT, a preference pair for DPO and critic data. */
public sealed interface ExampleContent {

    String prompt();

    record Completion(String prompt, String completion) implements ExampleContent {
        public Completion {
            Objects.requireNonNull(prompt, "prompt");
            Objects.requireNonNull(completion, "completion");
        }
    }

    record Preference(String prompt, String chosen, String rejected) implements ExampleContent {
        public Preference {
            Objects.requireNonNull(prompt, "prompt");
            Objects.requireNonNull(chosen, "chosen");
            Objects.requireNonNull(rejected, "rejected");
            if (chosen.equals(rejected)) {
                throw new IllegalArgumentException("a preference pair needs two different texts");
            }
        }
    }
}
