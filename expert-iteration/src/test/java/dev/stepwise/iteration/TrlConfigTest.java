package dev.stepwise.iteration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The trainer's configuration against the field names of TRL's own dataclasses (test data from trl 1.13.0). */
class TrlConfigTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern TOP_LEVEL_KEY = Pattern.compile("^([A-Za-z_][A-Za-z0-9_]*):");
    private static final TrainingFormat INTERNLM = new TrainingFormat(OptionalInt.of(16384 + 2048 + 2), Optional.of("<|im_end|>"));

    /** CLASS -> fields, from the test data. */
    private static Map<String, Set<String>> trlFields() throws IOException {
        Map<String, Set<String>> out = new HashMap<>();
        try (InputStream in = TrlConfigTest.class.getResourceAsStream("/trl/trl-1.13.0-config-fields.txt")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.strip().split(" ");
                out.computeIfAbsent(parts[0], k -> new HashSet<>()).add(parts[1]);
            }
        }
        return out;
    }

    /** The keys {@code trl METHOD --config} takes as its own (trl/scripts/sft.py and dpo.py make_parser). */
    static Set<String> accepted(TrainingChoices.Method method) throws IOException {
        Map<String, Set<String>> f = trlFields();
        Set<String> out = new HashSet<>();
        for (String cls : List.of("TrlParser", "TrainingArguments", "_BaseConfig", method == TrainingChoices.Method.SFT ? "SFTConfig"
                : "DPOConfig", "ModelConfig", "ScriptArguments", "DatasetMixtureConfig")) {
            out.addAll(f.get(cls));
        }
        return out;
    }

    static List<String> keys(String yaml) {
        List<String> out = new ArrayList<>();
        for (String line : yaml.split("\n")) {
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            Matcher m = TOP_LEVEL_KEY.matcher(line);
            assertTrue(m.find(), "every line is a top-level key (no nested sections to check): " + line);
            out.add(m.group(1));
        }
        return out;
    }

    private static TrainerSettings settings(TrainingChoices.Method method, TrainingChoices.Finetune finetune, int gpus,
            boolean trust) {
        return new TrainerSettings(TrainerSettings.TRL_COMMAND, method, finetune,
                finetune == TrainingChoices.Finetune.FULL ? TrainingChoices.Mode.CONTINUE : TrainingChoices.Mode.RETRAIN_FROM_BASE,
                3, 2e-5, 16, 32, gpus, trust);
    }

    private static String render(TrainerSettings t, TrainingFormat format, int evalLines) {
        return new TrlConfig(JSON).render(t, format, 2, "org/model \"7B\"", Path.of("/r/train/data"), evalLines,
                Path.of("/r/train/model"));
    }

    @Test
    void testDataListsTheFieldsOfTrlsDataclasses() throws IOException {
        Map<String, Set<String>> f = trlFields();
        assertTrue(f.get("SFTConfig").containsAll(Set.of("max_length", "eos_token", "trust_remote_code", "completion_only_loss")));
        assertTrue(f.get("DPOConfig").containsAll(Set.of("max_length", "trust_remote_code")));
        assertFalse(f.get("DPOConfig").contains("eos_token"), "DPOConfig of trl 1.13.0 has no eos_token");
        assertTrue(f.get("TrainingArguments").containsAll(Set.of("eval_strategy", "output_dir", "bf16", "report_to")));
        assertTrue(f.get("ScriptArguments").containsAll(Set.of("dataset_name", "dataset_test_split")));
        // accelerate launch's own arguments are not trainer fields: TrlParser passes them on.
        assertFalse(accepted(TrainingChoices.Method.SFT).contains("num_processes"));
        assertFalse(accepted(TrainingChoices.Method.SFT).contains("evaluation_strategy"), "renamed eval_strategy in transformers");
    }

    @Test
    void everyKeyOfEveryRenderedConfigIsATrlField() throws IOException {
        for (TrainingChoices.Method method : TrainingChoices.Method.values()) {
            Set<String> accepted = accepted(method);
            for (TrainingChoices.Finetune finetune : TrainingChoices.Finetune.values()) {
                for (TrainingFormat format : List.of(TrainingFormat.PLAIN, INTERNLM)) {
                    for (int evalLines : new int[] {0, 7}) {
                        String yaml = render(settings(method, finetune, 1, format == INTERNLM), format, evalLines);
                        for (String key : keys(yaml)) {
                            assertTrue(accepted.contains(key), "'" + key + "' is not a field of trl " + method + "'s dataclasses:\n"
                                    + yaml);
                        }
                        List<String> keys = keys(yaml);
                        assertEquals(new HashSet<>(keys).size(), keys.size(), "a key twice:\n" + yaml);
                    }
                }
            }
        }
    }

    @Test
    void anInternLmConfigTrustsTheModelsCodeCutsAtTheTemplatesBudgetAndEndsWithImEnd() throws IOException {
        String yaml = render(settings(TrainingChoices.Method.SFT, TrainingChoices.Finetune.LORA, 1, true), INTERNLM, 7);
        assertTrue(yaml.contains("model_name_or_path: \"org/model \\\"7B\\\"\"\n"), yaml);
        assertTrue(yaml.contains("trust_remote_code: true\n"), yaml);
        assertTrue(yaml.contains("max_length: 18434\n"), yaml);
        assertTrue(yaml.contains("eos_token: \"<|im_end|>\"\n"), yaml);
        assertTrue(yaml.contains("completion_only_loss: true\n"), yaml);
        assertTrue(yaml.contains("use_peft: true\nlora_r: 16\nlora_alpha: 32\nlora_target_modules: all-linear\n"), yaml);

        String plain = render(settings(TrainingChoices.Method.SFT, TrainingChoices.Finetune.LORA, 1, false), TrainingFormat.PLAIN, 7);
        assertFalse(plain.contains("trust_remote_code"), plain);
        assertFalse(plain.contains("eos_token"), "the tokenizer's EOS is TRL's default: " + plain);
        assertTrue(plain.contains("max_length: null\n"), "a budget in characters bounds no token count: " + plain);

        String dpo = render(settings(TrainingChoices.Method.DPO, TrainingChoices.Finetune.FULL, 1, true), INTERNLM, 7);
        assertTrue(dpo.contains("max_length: 18434\n") && !dpo.contains("use_peft") && !dpo.contains("completion_only_loss"), dpo);
        assertTrue(dpo.startsWith("# Written by Stepwise for round 2: run with 'trl dpo --config THIS_FILE'.\n"), dpo);
    }

    @Test
    void theValidationFileIsTheEvalSplitWhenThereIsOne() {
        String yaml = render(settings(TrainingChoices.Method.SFT, TrainingChoices.Finetune.LORA, 1, false), TrainingFormat.PLAIN, 7);
        assertTrue(yaml.contains("dataset_name: \"/r/train/data\"\ndataset_train_split: train\ndataset_test_split: validation\n"
                + "eval_strategy: epoch\n"), yaml);
        String none = render(settings(TrainingChoices.Method.SFT, TrainingChoices.Finetune.LORA, 1, false), TrainingFormat.PLAIN, 0);
        assertTrue(none.contains("eval_strategy: \"no\"\n") && !none.contains("dataset_test_split"), none);
    }

    @Test
    void severalGpusRunTheDefaultTrainerUnderAccelerateLaunch() {
        TrainerSettings four = settings(TrainingChoices.Method.SFT, TrainingChoices.Finetune.LORA, 4, false);
        assertEquals("accelerate launch --multi_gpu --num_processes '4' -m trl.scripts.'sft' --config '/r/train/trl.yaml'",
                TrainerLauncher.render(four.launchCommand(), Map.of("gpus", "4", "method", "sft", "config", "/r/train/trl.yaml")));
        assertTrue(render(four, TrainingFormat.PLAIN, 0).startsWith("# Written by Stepwise for round 2: run with 'accelerate launch"
                + " --multi_gpu --num_processes 4 -m trl.scripts.sft --config THIS_FILE'.\n"));
        assertEquals(TrainerSettings.TRL_COMMAND, settings(TrainingChoices.Method.SFT, TrainingChoices.Finetune.LORA, 1, false)
                .launchCommand());
        TrainerSettings custom = new TrainerSettings("my-trainer --gpus {gpus} {config}", TrainingChoices.Method.SFT,
                TrainingChoices.Finetune.LORA, TrainingChoices.Mode.RETRAIN_FROM_BASE, 1, 1e-5, 8, 8, 4, false);
        assertEquals("my-trainer --gpus {gpus} {config}", custom.launchCommand(), "a command of one's own is run as given");
    }
}
