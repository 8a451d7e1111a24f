package dev.stepwise.prover.iterate;

import dev.stepwise.iteration.CriticInput;
import dev.stepwise.iteration.PromptRenderer;
import dev.stepwise.iteration.TrainingFormat;
import dev.stepwise.prover.critic.CriticPrompt;
import dev.stepwise.prover.policy.PolicyConfig;
import dev.stepwise.prover.policy.PromptBudget;
import dev.stepwise.prover.policy.prompt.PromptBuilder;
import dev.stepwise.prover.policy.prompt.PromptInput;
import dev.stepwise.search.Theorem;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Training prompts from the policy's own {@link PromptBuilder}: the same template, token counter
 * and budget as the search's prompts, so an exported prompt is byte for byte what the model saw.
 */
final class TemplatePromptRenderer implements PromptRenderer {
    private final PromptBuilder builder;
    private final CriticPrompt critic;
    private final TrainingFormat format;

    /**
     * @param maxTokens the most tokens of a prompt with its completion (see {@link #maxTokens}), or
     *     empty when the prompt budget is not in tokens
     * @param critic how the search's critic is asked about a state (search.critic-template)
     */
    TemplatePromptRenderer(PromptBuilder builder, OptionalInt maxTokens, CriticPrompt critic) {
        this.builder = Objects.requireNonNull(builder, "builder");
        this.critic = Objects.requireNonNull(critic, "critic");
        // The template's first stop string ends the model's turn (<|im_end|> in InternLM's chat
        // format); without one the model ends with its tokenizer's EOS, which TRL appends itself.
        List<String> stops = builder.template().stops();
        this.format = new TrainingFormat(maxTokens, stops.isEmpty() ? Optional.empty() : Optional.of(stops.getFirst()));
    }

    /**
     * The most tokens a training example of {@code server}'s format takes: the prompt budget, the
     * most tokens a completion is sampled with, and the special tokens around them; empty for a
     * budget in characters.
     */
    static OptionalInt maxTokens(PolicyConfig.Server server) {
        return switch (server.budget()) {
            case PromptBudget.Tokens t -> OptionalInt.of(t.limit() + server.sampling().maxTokens() + TrainingFormat.SPECIAL_TOKENS);
            case PromptBudget.Chars c -> OptionalInt.empty();
        };
    }

    @Override
    public TrainingFormat trainingFormat() {
        return format;
    }

    @Override
    public String name() {
        return builder.template().name();
    }

    @Override
    public String prompt(Theorem theorem, List<String> proofBefore, String state) {
        // Built exactly as ServerPolicy builds the prompt of a search request.
        return builder.build(new PromptInput(theorem.name(), theorem.header(), proofBefore, state)).text();
    }

    @Override
    public String completion(String tactic) {
        return builder.template().completionFor(tactic);
    }

    @Override
    public String completion(String thought, String tactic) {
        return builder.template().completionFor(thought, tactic);
    }

    @Override
    public CriticInput criticInput() {
        return new CriticInput(critic.before(), critic.after());
    }
}
