package dev.stepwise.prover.policy.prompt;

import java.util.List;
import java.util.Objects;

/**
 * What a whole-proof model is asked: a raw prompt for {@code /v1/completions} (the model
 * continues the Lean file) or chat messages for {@code /v1/chat/completions}.
 */
public sealed interface WholeProofPrompt {

    /** A prompt the model continues; the reply is the rest of the proof. */
    record Completion(String prompt) implements WholeProofPrompt {
        public Completion {
            Objects.requireNonNull(prompt, "prompt");
        }
    }

    /** A conversation; the reply is the assistant's next message. */
    record Chat(List<ChatMessage> messages) implements WholeProofPrompt {
        public Chat {
            messages = List.copyOf(messages);
            if (messages.isEmpty()) {
                throw new IllegalArgumentException("a chat prompt has at least one message");
            }
        }

        /** The same conversation with {@code more} appended (a repair turn). */
        public Chat then(ChatMessage... more) {
            List<ChatMessage> all = new java.util.ArrayList<>(messages);
            all.addAll(List.of(more));
            return new Chat(all);
        }
    }
}
