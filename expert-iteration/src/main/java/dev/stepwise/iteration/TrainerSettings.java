package dev.stepwise.iteration;

import java.util.Objects;

/**
 * How the train stage launches the trainer.
 *
 * @param command the command template, run by {@code /bin/sh -c} after its placeholders are
 *     replaced by shell-quoted values: {config}, {train_file}, {valid_file}, {base_model},
 *     {init_model}, {output_dir}, {round}, {method}, {gpus}
 * @param gpus how many GPUs (one training process each) the trainer uses; above one, TRL's
 *     default command is replaced by {@link #ACCELERATE_COMMAND}
 * @param trustRemoteCode whether the trainer may run the Python code a model ships (InternLM's
 *     models load only with it)
 */
public record TrainerSettings(String command, TrainingChoices.Method method, TrainingChoices.Finetune finetune,
        TrainingChoices.Mode mode, int epochs, double learningRate, int loraRank, int loraAlpha, int gpus,
        boolean trustRemoteCode) {

    /** TRL's own command-line trainer with the configuration file the train stage renders. */
    public static final String TRL_COMMAND = "trl {method} --config {config}";

    /**
     * The same TRL script run as one process per GPU by {@code accelerate launch} (accelerate 1.15.0,
     * {@code accelerate/commands/launch.py}: {@code --multi_gpu}, {@code --num_processes},
     * {@code -m/--module}). {@code trl.scripts.sft} and {@code trl.scripts.dpo} are the modules
     * {@code trl sft} and {@code trl dpo} run (trl 1.13.0, {@code trl/cli/commands/training.py}); run as
     * a module they read the same {@code --config} file.
     */
    public static final String ACCELERATE_COMMAND =
            "accelerate launch --multi_gpu --num_processes {gpus} -m trl.scripts.{method} --config {config}";

    /** Settings on one GPU without running the model's own code. */
    public TrainerSettings(String command, TrainingChoices.Method method, TrainingChoices.Finetune finetune,
            TrainingChoices.Mode mode, int epochs, double learningRate, int loraRank, int loraAlpha) {
        this(command, method, finetune, mode, epochs, learningRate, loraRank, loraAlpha, 1, false);
    }

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
        if (gpus < 1) {
            throw new IllegalArgumentException("iterate.trainer-gpus must be >= 1, got " + gpus);
        }
        if (mode == TrainingChoices.Mode.CONTINUE && finetune == TrainingChoices.Finetune.LORA) {
            throw new IllegalArgumentException("iterate.train-mode=continue needs iterate.finetune=full: TRL's command line"
                    + " starts LoRA from a base model, not from an earlier adapter");
        }
    }

    /**
     * The command the train stage runs: the configured one, except that TRL's default command on
     * more than one GPU becomes {@link #ACCELERATE_COMMAND}.
     */
    public String launchCommand() {
        return gpus > 1 && command.strip().equals(TRL_COMMAND) ? ACCELERATE_COMMAND : command;
    }
}
