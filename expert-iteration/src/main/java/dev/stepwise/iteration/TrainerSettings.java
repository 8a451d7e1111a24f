package dev.stepwise.iteration;

import java.util.Objects;

/**
 * How the train stage launches the trainer.
 *
 * @param command the command template, run by {@code /bin/sh -c} after its placeholders are
 *     replaced by shell-quoted values: {config}, {train_file}, {valid_file}, {base_model},
 *     {init_model}, {output_dir}, {round}, {method}
 */
public record TrainerSettings(String command, TrainingChoices.Method method, TrainingChoices.Finetune finetune,
        TrainingChoices.Mode mode, int epochs, double learningRate, int loraRank, int loraAlpha) {

    /** TRL's own command-line trainer with the configuration file the train stage renders. */
    public static final String TRL_COMMAND = "trl {method} --config {config}";

    public TrainerSettings {
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(finetune, "finetune");
        Objects.requireNonNull(mode, "mode");
        if (command.isBlank()) {
            throw new IllegalArgumentException("iterate.trainer-command is empty");
        }
        if (epochs < 1) {
            throw new IllegalArgumentException("iterate.epochs must be >= 1, got " + epochs);
        }
        if (!(learningRate > 0 && learningRate < 1)) {
            throw new IllegalArgumentException("iterate.learning-rate must be in (0, 1), got " + learningRate);
        }
        if (loraRank < 1 || loraAlpha < 1) {
            throw new IllegalArgumentException("iterate.lora-rank and iterate.lora-alpha must be >= 1, got " + loraRank
                    + " and " + loraAlpha);
        }
        if (mode == TrainingChoices.Mode.CONTINUE && finetune == TrainingChoices.Finetune.LORA) {
            throw new IllegalArgumentException("iterate.train-mode=continue needs iterate.finetune=full: TRL's command line"
                    + " starts LoRA from a base model, not from an earlier adapter");
        }
    }
}
