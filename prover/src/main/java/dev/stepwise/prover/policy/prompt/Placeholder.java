package dev.stepwise.prover.policy.prompt;

import java.util.Arrays;
import java.util.Optional;

/** The fields a template can refer to, written {@code {state}}, {@code {name}} and so on. */
public enum Placeholder {
    STATE("state"),
    NAME("name"),
    PROOF_BEFORE("proof_before"),
    HEADER("header");

    private final String token;

    Placeholder(String token) {
        this.token = token;
    }

    /** The name between the braces. */
    public String token() {
        return token;
    }

    static Optional<Placeholder> byToken(String token) {
        return Arrays.stream(values()).filter(p -> p.token.equals(token)).findFirst();
    }

    String valueIn(PromptInput input) {
        return switch (this) {
            case STATE -> input.state();
            case NAME -> input.theoremName();
            // Tactics of the path joined by newlines, as InternLM2.5-StepProver was trained.
            case PROOF_BEFORE -> String.join("\n", input.proofBefore());
            case HEADER -> input.header();
        };
    }
}
