package dev.stepwise.prover.iterate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepwise.iteration.TrainerSettings;
import dev.stepwise.iteration.TrainingFormat;
import dev.stepwise.prover.critic.CriticPrompt;
import dev.stepwise.prover.config.ConfigSchema;
import dev.stepwise.prover.config.Settings;
import dev.stepwise.prover.config.SettingsLoader;
import dev.stepwise.prover.policy.PolicyConfig;
import dev.stepwise.prover.policy.prompt.CharCounter;
import dev.stepwise.prover.policy.prompt.PromptBuilder;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The trainer's length limit, end text and trust in the model's code come from the same settings as the search's prompts. */
class TrainingFormatFromSettingsTest {
    @TempDir
    Path dir;

    private Settings settings(Map<String, String> flags) {
        Map<String, String> all = new HashMap<>(Map.of("model.url", "http://127.0.0.1:8000", "model.name", "m"));
        all.putAll(flags);
        return new SettingsLoader(ConfigSchema.standard()).load(null, dir, Map.of(), all);
    }

    private TrainingFormat format(Settings s) {
        PolicyConfig.Server server = (PolicyConfig.Server) PolicyConfig.from(s, dir::resolve);
        return new TemplatePromptRenderer(new PromptBuilder(server.template(), new CharCounter(), 100),
                TemplatePromptRenderer.maxTokens(server), CriticPrompt.INTERNLM25_STEPPROVER).trainingFormat();
    }

    @Test
    void anInternLmTemplateWithATokenBudgetGivesItsBudgetItsEndTextAndTrustsTheModelsCode() {
        Settings s = settings(Map.of("model.template", "internlm25-stepprover", "model.tokenizer", "tok/tokenizer.json",
                "model.prompt-budget", "4000", "model.max-tokens", "512"));
        assertEquals(new TrainingFormat(OptionalInt.of(4000 + 512 + TrainingFormat.SPECIAL_TOKENS), Optional.of("<|im_end|>")),
                format(s));
        TrainerSettings t = IterationConfig.roundSettings(s).trainer();
        assertTrue(t.trustRemoteCode());
        assertEquals(1, t.gpus());
        assertFalse(IterationConfig.roundSettings(settings(Map.of("model.template", "internlm25-stepprover",
                "iterate.trust-remote-code", "false"))).trainer().trustRemoteCode());
    }

    @Test
    void aCharacterBudgetBoundsNoTokensAndAnEosTemplateHasNoEndText() {
        Settings s = settings(Map.of("model.template", "bfs-prover", "iterate.trainer-gpus", "8"));
        assertEquals(TrainingFormat.PLAIN, format(s));
        TrainerSettings t = IterationConfig.roundSettings(s).trainer();
        assertFalse(t.trustRemoteCode());
        assertEquals(TrainerSettings.ACCELERATE_COMMAND, t.launchCommand());
    }
}
