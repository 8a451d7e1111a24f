package dev.stepwise.iteration;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The configuration file for TRL's command-line trainers ({@code trl sft --config FILE},
 * {@code trl dpo --config FILE}): the model, the local JSONL data as a {@code json} dataset, and
 * LoRA or full fine-tuning. Strings are written as double-quoted (JSON) scalars, which YAML reads
 * unchanged whatever they contain.
 */
final class TrlConfig {
    private final ObjectMapper json;

    TrlConfig(ObjectMapper json) {
        this.json = json;
    }

    String render(TrainerSettings t, int round, String initModel, Path trainFile, Path outputDir) {
        StringBuilder y = new StringBuilder();
        y.append("# Written by Stepwise for round ").append(round).append(": run with '")
                .append(TrainerSettings.TRL_COMMAND.replace("{method}", method(t)).replace("{config}", "THIS_FILE")).append("'.\n");
        y.append("model_name_or_path: ").append(q(initModel)).append('\n');
        y.append("datasets:\n");
        y.append("  - path: json\n");
        y.append("    data_files: ").append(q(trainFile.toString())).append('\n');
        y.append("    split: train\n");
        y.append("output_dir: ").append(q(outputDir.toString())).append('\n');
        y.append("num_train_epochs: ").append(t.epochs()).append('\n');
        y.append("learning_rate: ").append(String.format(Locale.ROOT, "%s", t.learningRate())).append('\n');
        y.append("lr_scheduler_type: cosine\n");
        y.append("bf16: true\n");
        y.append("gradient_checkpointing: true\n");
        y.append("logging_steps: 10\n");
        y.append("save_strategy: \"no\"\n");
        y.append("report_to: \"none\"\n");
        if (t.method() == TrainingChoices.Method.SFT) {
            // The prompt is the search's own prompt: learn only to write the tactic.
            y.append("completion_only_loss: true\n");
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
