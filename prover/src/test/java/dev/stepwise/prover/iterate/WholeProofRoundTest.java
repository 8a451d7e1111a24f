package dev.stepwise.prover.iterate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stepwise.prover.cli.CliHarness;
import dev.stepwise.prover.policy.prompt.WholeProofInput;
import dev.stepwise.prover.policy.prompt.WholeProofPrompt;
import dev.stepwise.prover.policy.prompt.WholeProofTemplate;
import dev.stepwise.prover.problems.DatasetCatalog;
import dev.stepwise.prover.problems.Problem;
import dev.stepwise.prover.store.Attempt;
import dev.stepwise.prover.store.Store;
import dev.stepwise.search.AttemptMode;
import dev.stepwise.search.EdgeKind;
import dev.stepwise.search.EdgeRecord;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An expert-iteration round in whole-proof mode through the simulator's production paths: the
 * round samples whole proofs (with revisions from Lean's errors) from the simulated chat server,
 * and harvests every statement it proved as one example in Goedel-Prover-V2's own format, exported
 * in TRL's conversational shapes: the prompt byte for byte as the template renders it, a repaired
 * proof's prompt continued by the refused replies and the repair turns with Lean's errors, the
 * accepted reply as the completion. SIMULATED.
 */
@Tag("slow") // one round through the CLI, about a minute
class WholeProofRoundTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TEMPLATE = "goedel-prover-v2";
    private static final String FEEDBACK_START = "The proof (Round ";

    @Test
    void aWholeProofRoundExportsItsProofsAndRepairsInTheModelsOwnFormat(@TempDir Path dir) throws Exception {
        Path pool = dir.resolve("pool.jsonl");
        List<String> lines = Files.readAllLines(CliHarness.repoRoot().resolve("datasets/minif2f/test.jsonl"), StandardCharsets.UTF_8);
        Files.write(pool, lines.subList(0, 12), StandardCharsets.UTF_8);
        Path world = dir.resolve("world.json");
        var g = new CliHarness(dir).run("sim", "generate", "--from", pool.toString(), "--seed", "5", "--out", world.toString(),
                "--timeout-rate", "0", "--crash-rate", "0", "--header-import", "50ms", "--model-latency", "2ms");
        assertEquals(0, g.exitCode(), g.err());
        var r = new CliHarness(dir).run("--set", "store.path=" + dir.resolve("stepwise.db"), "--set", "store.runs-dir=" + dir.resolve("runs"),
                "--set", "iterate.data-dir=" + dir.resolve("data"), "--set", "iterate.max-problems=12",
                "--set", "iterate.eval-fraction=0.25", "--set", "iterate.prepass=off", "--set", "pool.size=2",
                "--set", "model.retries=0", "--set", "iterate.perplexity-drop-low=0", "--set", "iterate.perplexity-drop-high=0",
                "--set", "search.mode=whole-proof", "--set", "search.samples=4", "--set", "search.revisions=2",
                "--set", "model.whole-proof-template=" + TEMPLATE, "iterate", "--pool", pool.toString(), "--simulate", world.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.err().contains("round 1 · train done"), r.err());

        WholeProofTemplate template = WholeProofTemplate.named(TEMPLATE);
        Map<String, String> promptOf = new LinkedHashMap<>();
        for (Problem p : DatasetCatalog.loadPath(pool, "pool").problems()) {
            WholeProofPrompt.Chat chat = (WholeProofPrompt.Chat) template.render(
                    new WholeProofInput(p.header(), p.informalStatement(), p.formalStatement()));
            var messages = JSON.createArrayNode();
            chat.messages().forEach(m -> messages.addObject().put("role", m.role()).put("content", m.content()));
            promptOf.put(JSON.writeValueAsString(messages), p.name());
        }
        // Every accepted reply of the round's search, as the store kept it.
        Set<String> acceptedReplies = new HashSet<>();
        try (Store store = Store.open(dir.resolve("stepwise.db"), Duration.ofSeconds(10))) {
            var run = store.runs().findByName("round-1-search").orElseThrow();
            for (Attempt a : store.attempts().forRun(run.id())) {
                assertEquals(AttemptMode.WHOLE_PROOF, a.mode());
                for (EdgeRecord e : store.attempts().tree(a.id()).edges()) {
                    if (e.kind() == EdgeKind.PROOF_COMPLETE) {
                        acceptedReplies.add(e.thought());
                    }
                }
            }
        }
        Path export = dir.resolve("data/rounds/round-0001/export");
        List<JsonNode> sft = new ArrayList<>();
        for (String file : List.of("sft-train.jsonl", "sft-valid.jsonl")) {
            for (String line : Files.readAllLines(export.resolve(file), StandardCharsets.UTF_8)) {
                sft.add(JSON.readTree(line));
            }
        }
        assertFalse(sft.isEmpty(), "the round exported no whole-proof examples");
        int repaired = 0;
        for (JsonNode ex : sft) {
            JsonNode prompt = ex.get("prompt");
            // the template's own prompt first, byte for byte (system and user messages as it renders them)
            JsonNode first = JSON.createArrayNode().add(prompt.get(0));
            String problem = promptOf.get(JSON.writeValueAsString(first));
            assertTrue(problem != null, "the first message is no problem's " + TEMPLATE + " prompt: " + prompt.get(0));
            // then the repair chain: each refused reply, then Goedel-Prover-V2's feedback with Lean's errors marked
            for (int i = 1; i < prompt.size(); i += 2) {
                assertEquals("assistant", prompt.get(i).get("role").asText());
                assertEquals("user", prompt.get(i + 1).get("role").asText());
                String feedback = prompt.get(i + 1).get("content").asText();
                assertTrue(feedback.startsWith(FEEDBACK_START + (i - 1) / 2 + ") is not correct."), feedback);
                assertTrue(feedback.contains("<error>") && feedback.contains("Error Message: "), feedback);
            }
            repaired += prompt.size() > 1 ? 1 : 0;
            // the completion is the accepted reply as the model wrote it, its code the one the gate accepted
            assertEquals(1, ex.get("completion").size());
            assertEquals("assistant", ex.get("completion").get(0).get("role").asText());
            String reply = ex.get("completion").get(0).get("content").asText();
            assertTrue(acceptedReplies.contains(reply), reply);
            assertTrue(template.code(new WholeProofInput("", "", ""), reply).isPresent(), reply);
        }
        assertTrue(repaired > 0, "no repaired proof was exported: " + sft);
        JsonNode manifest = JSON.readTree(export.resolve("manifest.json").toFile());
        assertEquals(TEMPLATE, manifest.path("template").asText());
        // the chat file holds the same conversations with the reply appended
        for (String line : Files.readAllLines(export.resolve("chat-train.jsonl"), StandardCharsets.UTF_8)) {
            JsonNode messages = JSON.readTree(line).get("messages");
            assertEquals("assistant", messages.get(messages.size() - 1).get("role").asText());
            assertTrue(acceptedReplies.contains(messages.get(messages.size() - 1).get("content").asText()));
        }
    }
}
