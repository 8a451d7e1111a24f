package dev.stepwise.prover.iterate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.stepwise.iteration.CriticInput;
import dev.stepwise.iteration.Example;
import dev.stepwise.iteration.PromptRenderer;
import dev.stepwise.iteration.TrainingFormat;
import dev.stepwise.iteration.WholeProofTurns;
import dev.stepwise.prover.policy.prompt.ChatMessage;
import dev.stepwise.prover.policy.prompt.WholeProofInput;
import dev.stepwise.prover.policy.prompt.WholeProofPrompt;
import dev.stepwise.prover.policy.prompt.WholeProofTemplate;
import dev.stepwise.search.Theorem;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The training format of a round in whole-proof mode: a whole-proof example's prompt is what the
 * run's {@link WholeProofTemplate} rendered for the theorem (the same code the attempts asked the
 * model with), continued for a repaired proof by each refused reply and its repair turn, exactly as
 * the chat request carried them; the completion is the accepted reply as the model wrote it. Step
 * examples (none come from whole-proof attempts) keep the step template's format.
 */
final class WholeProofPromptRenderer implements PromptRenderer {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final WholeProofTemplate template;
    private final Map<String, String> informal;
    private final PromptRenderer steps;

    /**
     * @param informal each problem's informal statement by name (some formats show it; "" for none),
     *     as the run gave it to the template
     * @param steps the step template's renderer, for step examples
     */
    WholeProofPromptRenderer(WholeProofTemplate template, Map<String, String> informal, PromptRenderer steps) {
        this.template = Objects.requireNonNull(template, "template");
        this.informal = Map.copyOf(informal);
        this.steps = Objects.requireNonNull(steps, "steps");
    }

    @Override
    public String name() {
        return template.name();
    }

    @Override
    public Optional<WholeProofTurns> wholeProof(Theorem theorem, List<WholeProofTurns.Revised> earlier, String reply) {
        WholeProofInput input = new WholeProofInput(theorem.header(), informal.getOrDefault(theorem.name(), ""),
                theorem.statement());
        return switch (template.render(input)) {
            case WholeProofPrompt.Completion c -> earlier.isEmpty()
                    ? Optional.of(new WholeProofTurns(c.prompt(), reply, Example.PromptShape.TEXT))
                    // a completion model is never revised (revisions need a chat turn), so no such chain was asked
                    : Optional.empty();
            case WholeProofPrompt.Chat chat -> {
                WholeProofPrompt.Chat conversation = chat;
                for (WholeProofTurns.Revised r : earlier) {
                    conversation = conversation.then(ChatMessage.assistant(r.reply()), ChatMessage.user(r.feedback()));
                }
                yield Optional.of(new WholeProofTurns(messagesJson(conversation.messages()), reply,
                        Example.PromptShape.MESSAGES));
            }
        };
    }

    /** The messages as the chat request's {@code messages} array sends them: role and content. */
    static String messagesJson(List<ChatMessage> messages) {
        ArrayNode array = JSON.createArrayNode();
        for (ChatMessage m : messages) {
            array.addObject().put("role", m.role()).put("content", m.content());
        }
        try {
            return JSON.writeValueAsString(array);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("chat messages did not serialize: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * The whole reply is the completion and the model ends it with its tokenizer's EOS (TRL appends
     * it) or its chat template's end of turn; the trainer cuts nothing (the released generation
     * lengths are far above what a prompt budget bounds).
     */
    @Override
    public TrainingFormat trainingFormat() {
        return TrainingFormat.PLAIN;
    }

    @Override
    public String prompt(Theorem theorem, List<String> proofBefore, String state) {
        return steps.prompt(theorem, proofBefore, state);
    }

    @Override
    public String completion(String tactic) {
        return steps.completion(tactic);
    }

    @Override
    public String completion(String thought, String tactic) {
        return steps.completion(thought, tactic);
    }

    @Override
    public CriticInput criticInput() {
        return steps.criticInput();
    }
}
