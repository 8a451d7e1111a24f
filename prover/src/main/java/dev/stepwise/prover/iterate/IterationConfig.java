package dev.stepwise.prover.iterate;

import dev.stepwise.iteration.Curriculum;
import dev.stepwise.iteration.PerplexityBand;
import dev.stepwise.iteration.RoundSettings;
import dev.stepwise.iteration.TrainerSettings;
import dev.stepwise.iteration.TrainingChoices;
import dev.stepwise.prover.config.ConfigException;
import dev.stepwise.prover.config.IterateKeys;
import dev.stepwise.prover.config.PolicyKeys;
import dev.stepwise.prover.config.SearchKeys;
import dev.stepwise.prover.config.Settings;
import java.util.Locale;

/** Reads a round's settings from the configuration; every inconsistency names its key. */
final class IterationConfig {
    private IterationConfig() {
    }

    static RoundSettings roundSettings(Settings s) {
        String base = s.string(IterateKeys.BASE_MODEL).strip();
        if (base.isEmpty()) {
            base = s.string(PolicyKeys.NAME).strip();
        }
        if (base.isEmpty()) {
            throw new ConfigException("iterate.base-model and model.name are both empty; set iterate.base-model to the model"
                    + " rounds start from");
        }
        try {
            TrainerSettings trainer = new TrainerSettings(s.string(IterateKeys.TRAINER_COMMAND),
                    choice(TrainingChoices.Method.class, s.string(IterateKeys.METHOD)),
                    choice(TrainingChoices.Finetune.class, s.string(IterateKeys.FINETUNE)),
                    choice(TrainingChoices.Mode.class, s.string(IterateKeys.TRAIN_MODE)),
                    s.integer(IterateKeys.EPOCHS), s.number(IterateKeys.LEARNING_RATE), s.integer(IterateKeys.LORA_RANK),
                    s.integer(IterateKeys.LORA_ALPHA), s.integer(IterateKeys.TRAINER_GPUS), trustRemoteCode(s));
            return new RoundSettings(base, s.integer(IterateKeys.MAX_PROBLEMS), choice(Curriculum.class, s.string(IterateKeys.CURRICULUM)),
                    s.number(IterateKeys.EVAL_FRACTION), s.number(IterateKeys.VALID_FRACTION),
                    new PerplexityBand(s.number(IterateKeys.PERPLEXITY_DROP_LOW), s.number(IterateKeys.PERPLEXITY_DROP_HIGH)),
                    choice(TrainingChoices.EasyProofs.class, s.string(IterateKeys.EASY_PROOFS)),
                    choice(TrainingChoices.Prepass.class, s.string(IterateKeys.PREPASS)), s.number(IterateKeys.PROMOTION_MARGIN),
                    s.integer(IterateKeys.MIN_HELD_OUT), s.number(IterateKeys.PROMOTION_CONFIDENCE), trainer,
                    s.longValue(SearchKeys.SEED));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage(), e);
        }
    }

    /**
     * Whether TRL may run the model's own code. InternLM's step provers ship their modelling and
     * tokenizer code (auto_map in their config.json), so they load only with it; other templates'
     * models are plain transformers architectures and do not need it.
     */
    static boolean trustRemoteCode(Settings s) {
        return switch (s.string(IterateKeys.TRUST_REMOTE_CODE)) {
            case "true" -> true;
            case "false" -> false;
            default -> s.string(PolicyKeys.TEMPLATE).startsWith("internlm");
        };
    }

    /** "retrain-from-base" names RETRAIN_FROM_BASE. */
    private static <E extends Enum<E>> E choice(Class<E> type, String value) {
        return Enum.valueOf(type, value.toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
