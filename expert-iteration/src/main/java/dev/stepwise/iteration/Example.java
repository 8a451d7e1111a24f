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

    /** A prompt and the completion the model should write (rendered by the model's template). */
    record Sft(String problem, String attempt, String prompt, String completion) implements Example {
        public Sft {
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
            return Sha256.ofFields("sft", prompt, completion);
        }
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
