package dev.stepwise.iteration;

import java.util.Objects;

/**
 * How the critic is asked about a state: its input is {@code before + state + after} (for
 * InternLM2.5-StepProver's critic, a chat whose assistant turn is the state). Critic pairs are
 * exported split the same way, {@code prompt = before}, {@code chosen/rejected = state + after},
 * because TRL's reward trainer scores {@code prompt + chosen} against {@code prompt + rejected}:
 * so the critic is trained on exactly the texts the search asks it about.
 */
public record CriticInput(String before, String after) {
    /** The state alone. */
    public static final CriticInput PLAIN = new CriticInput("", "");

    public CriticInput {
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
    }
}
