package dev.stepwise.iteration;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.Objects;

/**
 * One harvested training example. Its identity across rounds is {@link #contentHash()}: the same
 * text harvested again (another attempt, a later round) is the same example.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({@JsonSubTypes.Type(value = Example.Sft.class, name = "sft"),
        @JsonSubTypes.Type(value = Example.Preference.class, name = "preference")})
public sealed interface Example {

    ExampleKind kind();

    /** The statement it came from. */
    String problem();

    /** The attempt whose tree it came from. */
    String attempt();

    String prompt();

    String contentHash();

    /**
     * A prompt and the completion the model should write (rendered by the model's template).
     *
     * @param shape whether {@code prompt} is a text the model continues, or a conversation (a
     *     whole-proof chat model's messages, as the chat request sent them, in JSON)
     */
    record Sft(String problem, String attempt, String prompt, String completion, PromptShape shape) implements Example {
        /** A prompt the model continues. */
        public Sft(String problem, String attempt, String prompt, String completion) {
            this(problem, attempt, prompt, completion, PromptShape.TEXT);
        }

        public Sft {
            // round files written before whole-proof examples carry no shape: they are texts
            shape = shape == null ? PromptShape.TEXT : shape;
            Objects.requireNonNull(problem, "problem");
            Objects.requireNonNull(attempt, "attempt");
            Objects.requireNonNull(prompt, "prompt");
            Objects.requireNonNull(completion, "completion");
        }

        @Override
        public ExampleKind kind() {
            return ExampleKind.SFT;
        }

        @Override
        public String contentHash() {
            // a conversation's prompt is its messages' JSON, which no text prompt equals (it is what the model was sent)
            return Sha256.ofFields("sft", prompt, completion);
        }
    }

    /** How an SFT example's prompt is given to the model. */
    enum PromptShape {
        /** A text the model continues ({@code /v1/completions}). */
        TEXT,
        /**
         * Chat messages ({@code /v1/chat/completions}): the prompt is their JSON array of
         * {@code {"role", "content"}} objects, and the completion is the assistant's next message.
         */
        MESSAGES
    }

    /** A preference pair (DPO or critic): {@code chosen} is better than {@code rejected} after {@code prompt}. */
    record Preference(ExampleKind kind, String problem, String attempt, String prompt, String chosen, String rejected)
            implements Example {
        public Preference {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(problem, "problem");
            Objects.requireNonNull(attempt, "attempt");
            Objects.requireNonNull(prompt, "prompt");
            Objects.requireNonNull(chosen, "chosen");
            Objects.requireNonNull(rejected, "rejected");
            if (kind == ExampleKind.SFT) {
                throw new IllegalArgumentException("a preference pair is DPO or CRITIC, not SFT");
            }
            if (chosen.equals(rejected)) {
                throw new IllegalArgumentException("a preference pair needs two different texts, got '" + chosen + "' twice");
            }
        }

        @Override
        public String contentHash() {
            return Sha256.ofFields(kind.name().toLowerCase(java.util.Locale.ROOT), prompt, chosen, rejected);
        }
    }
}
