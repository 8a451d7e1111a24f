package dev.stepwise.iteration;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The configuration file for TRL's command-line trainers ({@code trl sft --config FILE},
 * {@code trl dpo --config FILE}, or the same scripts under {@code accelerate launch}): the model,
 * the round's data directory, the length limit and end text of the model's format, and LoRA or
 * full fine-tuning. Strings are written as double-quoted (JSON) scalars, which YAML reads
 * unchanged whatever they contain.
 *
 * <p>Every key is a field of the dataclasses the scripts parse (trl 1.13.0: {@code ScriptArguments},
 * {@code SFTConfig} or {@code DPOConfig}, {@code ModelConfig}, {@code DatasetMixtureConfig});
 * TRL's parser would hand any other key to {@code accelerate launch} as an argument. The test
 * data {@code trl/trl-1.13.0-config-fields.txt} lists them.
 */
final class TrlConfig {
    /** The data directory's files; the {@code datasets} library names each split after its file. */
    static final String TRAIN_FILE = "train.jsonl";
    static final String EVAL_FILE = "validation.jsonl";

    private final ObjectMapper json;

    TrlConfig(ObjectMapper json) {
        this.json = json;
    }

    /**
     * @param dataDir a directory holding {@link #TRAIN_FILE} and, when {@code evalLines} > 0, {@link #EVAL_FILE}
     * @param evalLines the examples of the eval split (none: no evaluation)
     */
    String render(TrainerSettings t, TrainingFormat format, int round, String initModel, Path dataDir, int evalLines,
            Path outputDir) {
        StringBuilder y = new StringBuilder();
        y.append("# Written by Stepwise for round ").append(round).append(": run with '")
                .append(t.launchCommand().replace("{method}", method(t)).replace("{config}", "THIS_FILE")
                        .replace("{gpus}", Integer.toString(t.gpus()))).append("'.\n");
        y.append("model_name_or_path: ").append(q(initModel)).append('\n');
        if (t.trustRemoteCode()) {
            // The model's own modelling and tokenizer code (InternLM ships both) loads only with it.
            y.append("trust_remote_code: true\n");
        }
        // A local directory: datasets (data_files.py, SPLIT_KEYWORDS) makes the split "train" of
        // train.jsonl and "validation" of validation.jsonl; the script evaluates on dataset_test_split.
        y.append("dataset_name: ").append(q(dataDir.toString())).append('\n');
        y.append("dataset_train_split: train\n");
        if (evalLines > 0) {
            y.append("dataset_test_split: validation\n");
            y.append("eval_strategy: epoch\n");
        } else {
            y.append("eval_strategy: \"no\"\n");
        }
        y.append("output_dir: ").append(q(outputDir.toString())).append('\n');
        y.append("num_train_epochs: ").append(t.epochs()).append('\n');
        y.append("learning_rate: ").append(String.format(Locale.ROOT, "%s", t.learningRate())).append('\n');
        y.append("lr_scheduler_type: cosine\n");
        y.append("bf16: true\n");
        y.append("gradient_checkpointing: true\n");
        y.append("logging_steps: 10\n");
        y.append("save_strategy: \"no\"\n");
        y.append("report_to: \"none\"\n");
        // TRL cuts longer examples from the right (truncation_mode keep_start), which would cut the
        // tactic and its end token; TRL's own default is 1024. A prompt budget in characters bounds no
        // token count, so nothing is cut then (null: no truncation).
        y.append("max_length: ").append(format.maxTokens().isPresent() ? Integer.toString(format.maxTokens().getAsInt()) : "null")
                .append('\n');
        if (t.method() == TrainingChoices.Method.SFT) {
            // The prompt is the search's own prompt: learn only to write the tactic.
            y.append("completion_only_loss: true\n");
            // The completions already end with it, so TRL appends nothing more (SFTConfig.eos_token).
            format.endText().ifPresent(e -> y.append("eos_token: ").append(q(e)).append('\n'));
        } else if (format.endText().isPresent()) {
            y.append("# The chosen and rejected texts end with ").append(q(format.endText().get()))
                    .append("; DPOConfig has no eos_token, so TRL appends the tokenizer's EOS after it.\n");
        }
        if (t.finetune() == TrainingChoices.Finetune.LORA) {
            y.append("use_peft: true\n");
            y.append("lora_r: ").append(t.loraRank()).append('\n');
            y.append("lora_alpha: ").append(t.loraAlpha()).append('\n');
            y.append("lora_target_modules: all-linear\n");
        }
        return y.toString();
    }

    static String method(TrainerSettings t) {
        return t.method().name().toLowerCase(Locale.ROOT);
    }

    private String q(String s) {
        try {
            return json.writeValueAsString(s);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a string always serialises", e);
        }
    }
}
