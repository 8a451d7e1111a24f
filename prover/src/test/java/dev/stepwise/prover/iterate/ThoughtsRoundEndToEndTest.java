package dev.stepwise.prover.iterate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stepwise.iteration.RoundRecord;
import dev.stepwise.iteration.Stage;
import dev.stepwise.prover.cli.CliHarness;
import dev.stepwise.prover.rounds.StoreRoundStore;
import dev.stepwise.prover.store.Store;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One simulated round with the thoughts stage on (Lean-STaR's retrospective thoughts): the
 * simulated model answers the retrospective prompt, the thoughts are cached in the store, shown in
 * the round's summary, and exported as thought-augmented training files in the lean-star template.
 * A round with the stage off records that it is off. SIMULATED.
 */
@Tag("slow") // two whole rounds through the CLI (about 30 s)
class ThoughtsRoundEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern WRITTEN = Pattern.compile("^(\\d+) thoughts for (\\d+) kept steps \\((\\d+) cached, (\\d+) without\\)");

    @TempDir
    Path dir;

    private CliHarness.Result round(Path world, Path pool, String... more) {
        List<String> args = new ArrayList<>(List.of("--set", "store.path=" + dir.resolve("stepwise.db"),
                "--set", "store.runs-dir=" + dir.resolve("runs"), "--set", "iterate.data-dir=" + dir.resolve("data"),
                "--set", "iterate.max-problems=12", "--set", "iterate.eval-fraction=0.25", "--set", "iterate.search-budget=1x8x24",
                "--set", "iterate.prepass-budget=1x1x4", "--set", "iterate.eval-budget=1x2x4", "--set", "pool.size=2",
                "--set", "model.retries=0"));
        args.addAll(List.of(more));
        args.addAll(List.of("iterate", "--pool", pool.toString(), "--simulate", world.toString()));
        return new CliHarness(dir).run(args.toArray(String[]::new));
    }

    @Test
    void aRoundWithTheThoughtsStageStoresShowsAndExportsThoughts() throws Exception {
        Path pool = dir.resolve("pool.jsonl");
        List<String> lines = Files.readAllLines(CliHarness.repoRoot().resolve("datasets/minif2f/test.jsonl"), StandardCharsets.UTF_8);
        Files.write(pool, lines.subList(0, 16), StandardCharsets.UTF_8);
        Path world = dir.resolve("world.json");
        var gen = new CliHarness(dir).run("sim", "generate", "--from", pool.toString(), "--seed", "5", "--out", world.toString(),
                "--provable", "1", "--timeout-rate", "0", "--crash-rate", "0", "--header-import", "20ms", "--model-latency", "1ms");
        assertEquals(0, gen.exitCode(), gen.err());

        var r = round(world, pool, "--set", "iterate.thoughts=true", "--set", "iterate.thoughts-batch=3");
        assertEquals(0, r.exitCode(), r.out() + r.err());
        RoundRecord round;
        try (Store store = Store.open(dir.resolve("stepwise.db"), Duration.ofSeconds(10))) {
            round = new StoreRoundStore(store).list().getFirst();
        }
        String summary = round.stages().stream().filter(s -> s.stage() == Stage.THOUGHTS).findFirst().orElseThrow().summary();
        Matcher m = WRITTEN.matcher(summary);
        assertTrue(m.find(), summary);
        int written = Integer.parseInt(m.group(1));
        assertTrue(written > 0, summary);
        assertEquals(m.group(2), m.group(1), "every kept step got a thought: " + summary);
        assertEquals("0", m.group(3), summary);
        assertTrue(summary.endsWith("thought-augmented files in thoughts/ (template lean-star)"), summary);

        // Cached by (state, tactic) in the store, one row per distinct step.
        List<String> cached = query("SELECT thought FROM step_thoughts");
        assertTrue(!cached.isEmpty() && cached.size() <= written, cached.size() + " cached for " + written);
        assertTrue(cached.stream().allMatch(t -> t.startsWith("The goal looks like a job for ")), cached.toString());

        // Shown in the round's summary (printed by iterate and kept as summary.md).
        assertTrue(r.out().contains("\n## Thoughts\n\n" + written + " retrospective thoughts from "), r.out());
        assertTrue(r.out().matches("(?s).*\n- \\S+: The goal looks like a job for \\S+\\. → `[^`]+`\n.*"), r.out());

        // Exported: Lean-STaR's prompt, then the thought and the fenced tactic, as many as were written.
        Path thoughts = dir.resolve("data/rounds/round-0001/thoughts");
        List<String> exported = new ArrayList<>();
        exported.addAll(Files.readAllLines(thoughts.resolve("sft-train.jsonl"), StandardCharsets.UTF_8));
        exported.addAll(Files.readAllLines(thoughts.resolve("sft-valid.jsonl"), StandardCharsets.UTF_8));
        assertEquals(written, exported.size());
        for (String line : exported) {
            JsonNode ex = JSON.readTree(line);
            String prompt = ex.path("prompt").asText();
            assertTrue(prompt.startsWith("Tactic state:\n---\n") && prompt.endsWith("\n---\nReasoning:\n---\n"), prompt);
            assertTrue(ex.path("completion").asText().matches("(?s)The goal looks like a job for \\S+\\.\n```lean4\n.+\n```"),
                    line);
        }
        JsonNode manifest = JSON.readTree(thoughts.resolve("manifest.json").toFile());
        assertEquals("lean-star", manifest.path("template").asText());
        assertEquals("stepwise-sim/step-prover", manifest.path("provenance").path("thoughts-model").asText(), manifest.toString());
        // The round's own export is untouched: the policy's template, no thoughts.
        String plain = Files.readString(dir.resolve("data/rounds/round-0001/export/sft-train.jsonl"));
        assertFalse(plain.contains("lean4") || plain.contains("job for"), plain);
    }

    @Test
    void theStageIsOffByDefault() throws Exception {
        Path pool = dir.resolve("pool.jsonl");
        List<String> lines = Files.readAllLines(CliHarness.repoRoot().resolve("datasets/minif2f/test.jsonl"), StandardCharsets.UTF_8);
        Files.write(pool, lines.subList(0, 8), StandardCharsets.UTF_8);
        Path world = dir.resolve("world.json");
        var gen = new CliHarness(dir).run("sim", "generate", "--from", pool.toString(), "--seed", "5", "--out", world.toString(),
                "--provable", "1", "--timeout-rate", "0", "--crash-rate", "0", "--header-import", "20ms", "--model-latency", "1ms");
        assertEquals(0, gen.exitCode(), gen.err());
        var r = round(world, pool);
        assertEquals(0, r.exitCode(), r.out() + r.err());
        assertTrue(r.out().contains("| thoughts | completed | off (iterate.thoughts is false) |"), r.out());
        assertFalse(Files.exists(dir.resolve("data/rounds/round-0001/thoughts")));
        assertEquals(List.of("0"), query("SELECT count(*) FROM step_thoughts"));
    }

    private List<String> query(String sql) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("stepwise.db")); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
        }
        return rows;
    }
}
