package dev.stepwise.prover.iterate;

import dev.stepwise.iteration.CriticInput;
import dev.stepwise.iteration.PromptRenderer;
import dev.stepwise.prover.critic.CriticPrompt;
import dev.stepwise.prover.policy.prompt.PromptBuilder;
import dev.stepwise.prover.policy.prompt.PromptInput;
import dev.stepwise.search.Theorem;
import java.util.List;
import java.util.Objects;

/**
 * Training prompts from the policy's own {@link PromptBuilder}: the same template, token counter
 * and budget as the search's prompts, so an exported prompt is byte for byte what the model saw.
 */
final class TemplatePromptRenderer implements PromptRenderer {
    private final PromptBuilder builder;
    private final CriticPrompt critic;

    /** @param critic how the search's critic is asked about a state (search.critic-template) */
    TemplatePromptRenderer(PromptBuilder builder, CriticPrompt critic) {
        this.builder = Objects.requireNonNull(builder, "builder");
        this.critic = Objects.requireNonNull(critic, "critic");
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
    public CriticInput criticInput() {
        return new CriticInput(critic.before(), critic.after());
    }
}
