package dev.stepwise.prover.policy.prompt;

import java.util.List;
import java.util.Objects;

/**
 * What a prompt is made of: the theorem's name and header, the tactics applied so far and the
 * pretty-printed state. Search and training export build the same record, so their prompts agree.
 */
public record PromptInput(String theoremName, String header, List<String> proofBefore, String state) {
    public PromptInput {
        Objects.requireNonNull(theoremName, "theoremName");
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(state, "state");
        proofBefore = List.copyOf(proofBefore);
    }

    PromptInput withState(String newState) {
        return new PromptInput(theoremName, header, proofBefore, newState);
    }

    PromptInput withProofBefore(List<String> tactics) {
        return new PromptInput(theoremName, header, tactics, state);
    }
}
