package dev.stepwise.prover.critic;

import dev.stepwise.prover.config.SearchKeys;
import java.util.Objects;

/**
 * The text a critic scores for one proof state: a template with {@value #STATE} standing for the
 * pretty-printed goals.
 *
 * <p>The default is InternLM2.5-StepProver-critic's input as its model card shows it
 * (huggingface.co/internlm/internlm2_5-step-prover-critic, README, "Dialogue Example"): a chat
 * whose user turn asks "Which state is closer to 'no goals'?" and whose assistant turn is the
 * state, rendered with InternLM2's chat template ({@code <|im_start|>ROLE\n…<|im_end|>\n}); vLLM
 * adds the BOS token itself ({@code add_special_tokens} defaults to true on {@code /pooling}).
 * The model card's {@code get_score} also appends the model's {@code reward_token_id} (from its
 * {@code config.json}) before reading the score; the score vLLM returns for the last token
 * matches it only when the template ends with that token's text, so set
 * {@code search.critic-template} to end with it where the served model needs it.
 */
public record CriticPrompt(String template) {
    public static final String STATE = SearchKeys.CRITIC_STATE;

    public static final CriticPrompt INTERNLM25_STEPPROVER = new CriticPrompt(
            "<|im_start|>user\nWhich state is closer to 'no goals'?<|im_end|>\n<|im_start|>assistant\n" + STATE + "<|im_end|>\n");

    /** From {@code search.critic-template}: empty means InternLM2.5-StepProver-critic's turn. */
    public static CriticPrompt fromSetting(String text) {
        return text.isEmpty() ? INTERNLM25_STEPPROVER : new CriticPrompt(text);
    }

    public CriticPrompt {
        Objects.requireNonNull(template, "template");
        if (!template.contains(STATE)) {
            throw new IllegalArgumentException("a critic template must contain " + STATE);
        }
    }

    public String render(String goals) {
        return before() + goals + after();
    }

    /** The text before the state. */
    public String before() {
        return template.substring(0, template.indexOf(STATE));
    }

    /** The text after the state (the template names it once; any later {@value #STATE} is literal text). */
    public String after() {
        return template.substring(template.indexOf(STATE) + STATE.length());
    }
}
