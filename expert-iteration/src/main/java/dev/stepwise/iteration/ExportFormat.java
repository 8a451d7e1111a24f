package dev.stepwise.iteration;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The JSONL files a round exports. Field names follow what TRL's trainers read: prompt/completion
 * for SFT, messages for chat SFT, prompt/chosen/rejected for preference pairs.
 */
public enum ExportFormat {
    /** Prompt and completion, exactly as the search prompts the model. */
    SFT("sft", ExampleKind.SFT),
    /** The same pairs as a user and an assistant message. */
    CHAT("chat", ExampleKind.SFT),
    DPO("dpo", ExampleKind.DPO),
    CRITIC("critic", ExampleKind.CRITIC);

    private final String code;
    private final ExampleKind kind;

    ExportFormat(String code, ExampleKind kind) {
        this.code = code;
        this.kind = kind;
    }

    public String code() {
        return code;
    }

    public ExampleKind kind() {
        return kind;
    }

    public String fileName(Split split) {
        return code + "-" + split.code() + ".jsonl";
    }

    /**
     * The example as one JSONL line. The policy's completions (SFT and DPO) end with the format's
     * end text, as the model ends its turn: TRL appends the tokenizer's EOS only to a completion
     * that does not already end with its {@code eos_token} (trl 1.13.0, SFTTrainer and DPOTrainer
     * {@code add_eos}), so without it an InternLM model would learn to end with {@code </s>} instead
     * of {@code <|im_end|>}. Chat messages get none (the chat template closes the turn), nor do the
     * critic's pairs (a scored text, not a generation).
     *
     * @param critic how the critic is asked; critic pairs are split as it is (see {@link CriticInput})
     */
    ObjectNode line(Example example, TrainingFormat format, CriticInput critic) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode o = f.objectNode();
        switch (example) {
            case Example.Sft s when s.shape() == Example.PromptShape.MESSAGES -> {
                // A chat model's example in TRL's conversational format (TRL docs, "Dataset formats and types": the
                // Conversational column; docs/source/dataset_formats.md): CHAT as conversational language modeling
                // ("messages"), SFT as conversational prompt-completion (the prompt's messages, then the assistant's message
                // as the completion). SFTTrainer applies the model's chat template to a conversational dataset ("SFT
                // Trainer", expected dataset type and format), which closes the turn, so no end text is added.
                ArrayNode messages = messages(s.prompt());
                ObjectNode reply = f.objectNode().put("role", "assistant").put("content", s.completion());
                if (this == CHAT) {
                    o.set("messages", messages.add(reply));
                } else {
                    o.set("prompt", messages);
                    o.putArray("completion").add(reply);
                }
            }
            case Example.Sft s -> {
                if (this == CHAT) {
                    o.putArray("messages")
                            .add(f.objectNode().put("role", "user").put("content", s.prompt()))
                            .add(f.objectNode().put("role", "assistant").put("content", s.completion()));
                } else {
                    o.put("prompt", s.prompt()).put("completion", format.ended(s.completion()));
                }
            }
            case Example.Preference p -> {
                if (this == CRITIC) {
                    o.put("prompt", critic.before()).put("chosen", p.chosen() + critic.after())
                            .put("rejected", p.rejected() + critic.after());
                } else {
                    boolean generated = this == DPO;
                    o.put("prompt", p.prompt()).put("chosen", generated ? format.ended(p.chosen()) : p.chosen())
                            .put("rejected", generated ? format.ended(p.rejected()) : p.rejected());
                }
            }
        }
        return o;
    }

    private static final ObjectMapper MESSAGES = new ObjectMapper();

    /** A conversation prompt's messages, as harvested (a JSON array of role and content). */
    private static ArrayNode messages(String prompt) {
        try {
            if (MESSAGES.readTree(prompt) instanceof ArrayNode array) {
                return array.deepCopy();
            }
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("a conversation example's prompt is not JSON: " + e.getOriginalMessage(), e);
        }
        throw new IllegalArgumentException("a conversation example's prompt is not a JSON array of messages");
    }
}
