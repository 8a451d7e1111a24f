package dev.stepwise.iteration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExporterTest {
    private final ObjectMapper json = new ObjectMapper();

    private List<Example> harvestMany(int problems) {
        List<SearchedProblem> ps = new ArrayList<>();
        for (int i = 0; i < problems; i++) {
            ps.add(new SearchedProblem(Trees.theorem("thm" + i), Difficulty.REGULAR, List.of(Trees.standard("a" + i))));
        }
        return new Harvester(Trees.renderer()).harvest(ps).examples();
    }

    private List<JsonNode> lines(Path file) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (String l : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            out.add(json.readTree(l));
        }
        return out;
    }

    @Test
    void promptsAreWrittenByteForByteAsTheTemplateRendersThem(@TempDir Path dir) throws Exception {
        List<Example> ex = harvestMany(1);
        new Exporter(json, 0.0).export(ex, dir, 1, "test", Map.of());
        List<JsonNode> sft = lines(dir.resolve("sft-train.jsonl"));
        assertEquals(2, sft.size());
        assertEquals(Trees.renderer().prompt(Trees.theorem("thm0"), List.of("step1"), "⊢ b"), sft.get(1).get("prompt").asText());
        assertEquals(" finish", sft.get(1).get("completion").asText());
        // Non-ASCII goal text is written as UTF-8, not escaped, and each line ends with exactly one newline.
        String raw = Files.readString(dir.resolve("sft-train.jsonl"));
        assertTrue(raw.contains("⊢ a"));
        assertTrue(raw.endsWith("}\n") && !raw.endsWith("\n\n"));
    }

    @Test
    void completionsEndWithTheFormatsEndTextWhereTheModelWritesIt(@TempDir Path dir) throws Exception {
        TrainingFormat imEnd = new TrainingFormat(java.util.OptionalInt.empty(), java.util.Optional.of("<|im_end|>"));
        new Exporter(json, 0.0, imEnd).export(harvestMany(1), dir, 1, "test", Map.of());
        // TRL appends its eos_token only to a completion not ending with it: the end of the turn is in the data.
        assertEquals(" finish<|im_end|>", lines(dir.resolve("sft-train.jsonl")).get(1).get("completion").asText());
        JsonNode dpo = lines(dir.resolve("dpo-train.jsonl")).get(0);
        assertTrue(dpo.get("chosen").asText().endsWith("<|im_end|>") && dpo.get("rejected").asText().equals(" bad1<|im_end|>"),
                dpo.toString());
        // The chat template closes the assistant's turn itself, and the critic scores texts it does not generate.
        assertEquals(" step1", lines(dir.resolve("chat-train.jsonl")).get(0).get("messages").get(1).get("content").asText());
        for (JsonNode critic : lines(dir.resolve("critic-train.jsonl"))) {
            assertFalse(critic.toString().contains("<|im_end|>"), critic.toString());
        }
    }

    @Test
    void chatDpoAndCriticFilesHaveTheFieldsTrainersRead(@TempDir Path dir) throws Exception {
        new Exporter(json, 0.0).export(harvestMany(1), dir, 1, "test", Map.of());
        JsonNode chat = lines(dir.resolve("chat-train.jsonl")).get(0);
        assertEquals("user", chat.get("messages").get(0).get("role").asText());
        assertEquals("thm0||⊢ a:::", chat.get("messages").get(0).get("content").asText());
        assertEquals(" step1", chat.get("messages").get(1).get("content").asText());
        JsonNode dpo = lines(dir.resolve("dpo-train.jsonl")).get(0);
        assertEquals(List.of("prompt", "chosen", "rejected"), iterator(dpo));
        assertEquals(" bad1", dpo.get("rejected").asText());
        assertEquals(2, lines(dir.resolve("critic-train.jsonl")).size());
    }

    @Test
    void criticPairsAreSplitAsTheCriticIsAskedSoPromptPlusChosenIsItsInput(@TempDir Path dir) throws Exception {
        CriticInput critic = new CriticInput("<|im_start|>user\nWhich state is closer to 'no goals'?<|im_end|>\n"
                + "<|im_start|>assistant\n", "<|im_end|>\n");
        new Exporter(json, 0.0).export(harvestMany(1), dir, 1, "test", critic, Map.of());
        List<JsonNode> pairs = lines(dir.resolve("critic-train.jsonl"));
        assertEquals(2, pairs.size());
        for (JsonNode pair : pairs) {
            assertEquals(List.of("prompt", "chosen", "rejected"), iterator(pair));
            assertEquals(critic.before(), pair.get("prompt").asText());
            assertTrue(pair.get("chosen").asText().startsWith("⊢ ") && pair.get("chosen").asText().endsWith("<|im_end|>\n"),
                    pair.toString());
            assertTrue(pair.get("rejected").asText().endsWith("<|im_end|>\n"), pair.toString());
        }
        // Without a critic template the pair is the bare states, after no prompt.
        Path plain = dir.resolve("plain");
        new Exporter(json, 0.0).export(harvestMany(1), plain, 1, "test", Map.of());
        JsonNode bare = lines(plain.resolve("critic-train.jsonl")).get(0);
        assertEquals("", bare.get("prompt").asText());
        assertTrue(bare.get("chosen").asText().startsWith("⊢ "), bare.toString());
    }

    private static List<String> iterator(JsonNode n) {
        List<String> names = new ArrayList<>();
        n.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void splitIsByStatementAndTheSameOnEveryRun(@TempDir Path a, @TempDir Path b) throws Exception {
        List<Example> ex = harvestMany(40);
        ExportManifest m1 = new Exporter(json, 0.25).export(ex, a, 3, "test", Map.of("pool", "gen"));
        ExportManifest m2 = new Exporter(json, 0.25).export(ex, b, 3, "test", Map.of("pool", "gen"));
        assertEquals(m1, m2);
        int valid = m1.count(ExportFormat.SFT, Split.VALID);
        assertEquals(80, valid + m1.count(ExportFormat.SFT, Split.TRAIN));
        assertTrue(valid > 0 && valid < 80, "some statements on each side, got " + valid);
        // Every example of a statement lands on the same side.
        List<String> trainPrompts = lines(a.resolve("sft-train.jsonl")).stream().map(n -> n.get("prompt").asText().split("\\|")[0]).toList();
        List<String> validPrompts = lines(a.resolve("sft-valid.jsonl")).stream().map(n -> n.get("prompt").asText().split("\\|")[0]).toList();
        assertFalse(trainPrompts.stream().anyMatch(validPrompts::contains));
    }

    @Test
    void manifestCountsAndHashesMatchTheFiles(@TempDir Path dir) throws Exception {
        ExportManifest m = new Exporter(json, 0.0).export(harvestMany(2), dir, 2, "test", Map.of("model", "base"));
        JsonNode onDisk = json.readTree(dir.resolve(Exporter.MANIFEST).toFile());
        assertEquals(2, onDisk.get("round").asInt());
        assertEquals("base", onDisk.get("provenance").get("model").asText());
        assertEquals(8, onDisk.get("files").size());
        for (ExportManifest.FileEntry f : m.files()) {
            assertEquals(Sha256.ofFile(dir.resolve(f.name())), f.sha256());
            assertEquals(f.count(), Files.readAllLines(dir.resolve(f.name())).size());
        }
        assertEquals(json.readValue(dir.resolve(Exporter.MANIFEST).toFile(), ExportManifest.class), m);
        assertEquals("sft 4/0, chat 4/0, dpo 4/0, critic 4/0 (train/valid)", m.summary());
        try (var files = Files.list(dir)) {
            assertTrue(files.noneMatch(p -> p.toString().endsWith(".tmp")));
        }
    }
}
