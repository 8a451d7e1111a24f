package dev.stepwise.prover.iterate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stepwise.iteration.RoundRecord;
import dev.stepwise.iteration.RoundStatus;
import dev.stepwise.iteration.Stage;
import dev.stepwise.prover.cli.CliHarness;
import dev.stepwise.prover.sim.StepwiseJvm;
import dev.stepwise.prover.sim.world.World;
import dev.stepwise.prover.sim.world.WorldFile;
import dev.stepwise.prover.store.Store;
import dev.stepwise.prover.rounds.StoreRoundStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Expert-iteration rounds end to end through the simulator's production paths only: simulated
 * REPL processes, the simulated model server over HTTP (adapters loaded through its LoRA
 * endpoint) and the simulated trainer run through the trainer command template.
 */
@Tag("slow") // whole rounds through the CLI (about 3 min in all)
class IterateEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SEARCHED = Pattern.compile("searched (\\d+) with .*: proved (\\d+) \\(");
    private static final Pattern SOLVED_BEFORE = Pattern.compile("held out, (\\d+) solved before");

    @TempDir
    static Path shared;

    static Path pool;
    static Path world;

    @BeforeAll
    static void generatePoolAndWorld() throws IOException {
        pool = shared.resolve("pool.jsonl");
        List<String> lines = Files.readAllLines(CliHarness.repoRoot().resolve("datasets/minif2f/test.jsonl"), StandardCharsets.UTF_8);
        Files.write(pool, lines.subList(0, 40), StandardCharsets.UTF_8);
        world = shared.resolve("world.json");
        var r = new CliHarness(shared).run("sim", "generate", "--from", pool.toString(), "--seed", "5", "--out", world.toString(),
                "--timeout-rate", "0", "--crash-rate", "0", "--header-import", "50ms", "--model-latency", "2ms");
        assertEquals(0, r.exitCode(), r.err());
    }

    /**
     * The settings of every round here: small rounds, a fast simulated Lean. 24 statements a round
     * and budget 1x8x24: since generated proofs' own steps weigh less (issue #20, room for a trained
     * model), 12 statements at 1x4x16 gave round 1 too few SFT examples for the perplexity band's
     * 10% tails to drop one.
     */
    private static List<String> settings(Path dir) {
        return List.of("--set", "store.path=" + dir.resolve("stepwise.db"), "--set", "store.runs-dir=" + dir.resolve("runs"),
                "--set", "iterate.data-dir=" + dir.resolve("data"), "--set", "iterate.max-problems=24",
                "--set", "iterate.eval-fraction=0.25", "--set", "iterate.search-budget=1x8x24",
                "--set", "iterate.prepass-budget=1x1x4", "--set", "pool.size=2", "--set", "model.retries=0");
    }

    private static CliHarness.Result iterate(Path dir, String... more) {
        return iterate(dir, world, more);
    }

    private static CliHarness.Result iterate(Path dir, Path worldFile, String... more) {
        List<String> args = new ArrayList<>(settings(dir));
        args.addAll(List.of("iterate", "--pool", pool.toString(), "--simulate", worldFile.toString()));
        args.addAll(List.of(more));
        return new CliHarness(dir).run(args.toArray(String[]::new));
    }

    private static List<RoundRecord> rounds(Path dir) {
        try (Store store = Store.open(dir.resolve("stepwise.db"), Duration.ofSeconds(10))) {
            return new StoreRoundStore(store).list();
        }
    }

    private static String summary(RoundRecord r, Stage stage) {
        return r.stages().stream().filter(s -> s.stage() == stage).reduce((a, b) -> b).orElseThrow().summary();
    }

    private static int group(Pattern p, String text, int group) {
        Matcher m = p.matcher(text);
        assertTrue(m.find(), text);
        return Integer.parseInt(m.group(group));
    }

    @Test
    void threeRoundsProveMoreEachRoundExportTheTemplatesPromptsAndRecordTheirDecisions(@TempDir Path dir) throws IOException {
        for (int n = 1; n <= 3; n++) {
            var r = iterate(dir);
            assertEquals(0, r.exitCode(), r.err());
            assertTrue(r.err().contains("SIMULATED"), r.err());
            assertTrue(r.err().contains("round " + n + " · train done"), r.err());
            assertTrue(r.out().startsWith("# Round " + n + "\n"), r.out());
            assertTrue(r.out().endsWith("Rounds page: " + dir.resolve("data/rounds/rounds.html") + "\n"), r.out());
        }
        List<RoundRecord> rounds = rounds(dir);
        assertEquals(3, rounds.size());
        int solved = 0;
        for (RoundRecord r : rounds) {
            assertEquals(RoundStatus.COMPLETED, r.status());
            // What earlier rounds proved has left the pool, and every round proves something new.
            assertEquals(solved, group(SOLVED_BEFORE, summary(r, Stage.SELECT), 1), "round " + r.number());
            int proved = group(SEARCHED, summary(r, Stage.SEARCH), 2);
            assertTrue(proved > 0, "round " + r.number() + " proved nothing: " + summary(r, Stage.SEARCH));
            solved += proved;
            assertTrue(r.decision() != null, "round " + r.number() + " has no promotion decision");
            assertTrue(summary(r, Stage.PROMOTE).matches("(promoted|kept the current model): candidate .*"), summary(r, Stage.PROMOTE));
            assertEquals("stepwise-round-" + r.number(), r.candidateModel());
        }
        // The perplexity band scored the examples through the simulated server's echoed log-probs and cut both tails.
        String filter = summary(rounds.getFirst(), Stage.FILTER);
        assertTrue(filter.contains("perplexity below the band") && filter.contains("perplexity above the band"), filter);
        // Round 2 started with whichever model round 1 chose.
        RoundRecord first = rounds.getFirst();
        String afterFirst = first.decision().promotion() == dev.stepwise.iteration.Promotion.PROMOTED ? "stepwise-round-1"
                : first.currentModel();
        assertEquals(afterFirst, rounds.get(1).currentModel());

        // Every exported prompt is a world state's goals followed by the bfs-prover template's ":::", byte for byte,
        // and every completion is a tactic the world knows at that state.
        World w = new WorldFile().read(world);
        Map<String, Set<String>> tacticsByPrompt = new LinkedHashMap<>();
        w.theorems().forEach(t -> t.states().forEach(s -> tacticsByPrompt.computeIfAbsent(s.goalText() + ":::", k -> new HashSet<>())
                .addAll(s.tactics().stream().map(x -> x.tactic()).toList())));
        for (int n = 1; n <= 3; n++) {
            Path export = dir.resolve("data/rounds").resolve(String.format("round-%04d", n)).resolve("export");
            List<String> lines = Files.readAllLines(export.resolve("sft-train.jsonl"), StandardCharsets.UTF_8);
            assertFalse(lines.isEmpty(), "round " + n + " exported no SFT examples");
            for (String line : lines) {
                JsonNode ex = JSON.readTree(line);
                String prompt = ex.path("prompt").asText();
                assertTrue(tacticsByPrompt.containsKey(prompt), "not a world state + ':::': " + prompt);
                assertTrue(tacticsByPrompt.get(prompt).contains(ex.path("completion").asText()), line);
            }
            JsonNode manifest = JSON.readTree(export.resolve("manifest.json").toFile());
            assertEquals("bfs-prover", manifest.path("template").asText());
            assertEquals(lines.size(), countOf(manifest, "sft-train.jsonl"));
        }
        freshSamplesEachRoundAndTheSameDrawsWithinOne(dir, rounds);
        String page = Files.readString(dir.resolve("data/rounds/rounds.html"), StandardCharsets.UTF_8);
        assertTrue(page.contains("SIMULATED"), "the rounds page says its rounds were simulated");
        var list = new CliHarness(dir).run(Stream.concat(settings(dir).stream(), Stream.of("rounds", "list")).toArray(String[]::new));
        assertEquals(0, list.exitCode(), list.err());
        assertEquals(4, list.out().split("\n").length, list.out());
    }

    /**
     * The pool of 40 holds out 10 statements, fewer than iterate.min-held-out's 20: every round says so
     * when it selects and keeps the base model, so the base model searches in every round, and with
     * the round's own seed it samples afresh on the statements it failed before (the simulated
     * policy's draws follow the seed), while both models' evaluations in a round share theirs.
     */
    private static void freshSamplesEachRoundAndTheSameDrawsWithinOne(Path dir, List<RoundRecord> rounds) {
        for (RoundRecord r : rounds) {
            assertEquals(rounds.getFirst().currentModel(), r.currentModel(), "the model in service never changed");
            assertEquals(dev.stepwise.iteration.PromotionBasis.TOO_FEW_HELD_OUT, r.decision().evidence().basis());
            assertTrue(summary(r, Stage.SELECT).contains("; too few held-out ("), summary(r, Stage.SELECT));
        }
        try (Store store = Store.open(dir.resolve("stepwise.db"), Duration.ofSeconds(10))) {
            for (int n = 1; n <= 3; n++) {
                List<Long> seeds = run(store, "round-" + n + "-search").seeds();
                assertEquals(List.of((n - 1) * 1_000_000L), seeds, "round " + n);
                assertEquals(seeds, run(store, "round-" + n + "-evaluate-current").seeds());
                assertEquals(seeds, run(store, "round-" + n + "-evaluate-candidate").seeds());
                assertEquals(run(store, "round-" + n + "-evaluate-current").dataset(), run(store, "round-" + n + "-evaluate-candidate")
                        .dataset());
            }
            // Statements round 1 searched without a proof are searched again by round 3 with the same (base) model.
            Map<String, Set<String>> first = tactics(store, "round-1-search");
            Map<String, Set<String>> third = tactics(store, "round-3-search");
            List<String> again = first.keySet().stream().filter(third::containsKey).toList();
            assertFalse(again.isEmpty(), "round 3 searched none of round 1's statements again: " + first.keySet() + " " + third.keySet());
            long resampled = again.stream().filter(p -> !first.get(p).equals(third.get(p))).count();
            assertTrue(resampled > 0, "the base model sampled the same tactics on " + again + " in rounds 1 and 3");
        }
    }

    private static dev.stepwise.prover.store.Run run(Store store, String name) {
        return store.runs().findByName(name).orElseThrow(() -> new AssertionError("no run " + name));
    }

    /** Every tactic the attempts of a run sampled, by statement. */
    private static Map<String, Set<String>> tactics(Store store, String runName) {
        Map<String, Set<String>> out = new LinkedHashMap<>();
        for (dev.stepwise.prover.store.Attempt a : store.attempts().forRun(run(store, runName).id())) {
            out.computeIfAbsent(a.problem(), k -> new HashSet<>()).addAll(store.attempts().tree(a.id()).edges().stream()
                    .map(dev.stepwise.search.EdgeRecord::tactic).toList());
        }
        return out;
    }

    private static int countOf(JsonNode manifest, String file) {
        for (JsonNode f : manifest.path("files")) {
            if (f.path("name").asText().equals(file)) {
                return f.path("count").asInt();
            }
        }
        throw new AssertionError("manifest lists no " + file);
    }

    @Test
    void aRoundKilledInTheMiddleOfAStageResumesToTheSameResult(@TempDir Path dir) throws Exception {
        // Slower tactics than the other test's world, so that each stage lasts long enough to be killed inside.
        Path slow = dir.resolve("slow-world.json");
        var generated = new CliHarness(dir).run("sim", "generate", "--from", pool.toString(), "--seed", "5", "--out", slow.toString(),
                "--timeout-rate", "0", "--crash-rate", "0", "--header-import", "50ms", "--model-latency", "2ms",
                "--tactic-time", "20ms..40ms");
        assertEquals(0, generated.exitCode(), generated.err());
        Path reference = dir.resolve("reference");
        Files.createDirectories(reference);
        assertEquals(0, iterate(reference, slow).exitCode());
        Map<String, String> expected = outcome(reference);
        for (Stage stage : List.of(Stage.SEARCH, Stage.TRAIN, Stage.EVALUATE)) {
            Path killed = dir.resolve("killed-in-" + stage.code());
            Files.createDirectories(killed);
            killDuring(killed, slow, stage);
            RoundRecord stopped = rounds(killed).getFirst();
            assertEquals(RoundStatus.RUNNING, stopped.status(), "the kill left the round as it was");
            assertEquals(stage, stopped.stage());
            var resumed = iterate(killed, slow, "--resume");
            assertEquals(0, resumed.exitCode(), resumed.err());
            assertTrue(resumed.err().contains("round 1: resumed"), resumed.err());
            assertEquals(expected, outcome(killed), "after a kill in " + stage.code());
        }
    }

    /** Starts round 1 in its own process and kills it (SIGKILL) a moment after it enters {@code stage}. */
    private static void killDuring(Path dir, Path worldFile, Stage stage) throws Exception {
        List<String> args = new ArrayList<>(settings(dir));
        args.addAll(List.of("iterate", "--pool", pool.toString(), "--simulate", worldFile.toString()));
        List<String> command = new ArrayList<>(StepwiseJvm.command(args));
        command.add(1, "-Dstepwise.home=" + CliHarness.repoRoot());
        Process p = new ProcessBuilder(command).directory(dir.toFile())
                .redirectErrorStream(true).redirectOutput(dir.resolve("killed.log").toFile()).start();
        try {
            Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
            // Watched through the round's files, not the database, so that the watching never competes for its lock.
            Path round = dir.resolve("data/rounds/round-0001");
            Path sign = switch (stage) {
                case SEARCH -> round.resolve("select.json");
                case TRAIN -> round.resolve("train/trl.yaml");
                case EVALUATE -> round.resolve("train/checkpoint.json");
                default -> throw new IllegalArgumentException("no kill point in " + stage);
            };
            while (Instant.now().isBefore(deadline)) {
                assertTrue(p.isAlive(), "the round ended before stage " + stage.code() + ": " + Files.readString(dir.resolve("killed.log")));
                if (Files.exists(sign)) {
                    // The trainer's config is written just before the simulated trainer starts, and that
                    // trainer can finish within a few hundred milliseconds: kill at once to land inside TRAIN.
                    Thread.sleep(switch (stage) {
                        case SEARCH -> 1500;
                        case TRAIN -> 0;
                        default -> 300;
                    });
                    p.destroyForcibly().waitFor();
                    return;
                }
                Thread.sleep(50);
            }
            throw new AssertionError("round never reached stage " + stage.code());
        } finally {
            p.destroyForcibly();
            p.waitFor();
            // The killed JVM's simulated REPL children lose their stdin and exit on their own.
        }
    }

    /** What must not depend on a kill: each stage's summary, the decision, and the exported files' bytes. */
    private static Map<String, String> outcome(Path dir) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        RoundRecord r = rounds(dir).getFirst();
        out.put("status", r.status().name());
        for (Stage s : Stage.values()) {
            out.put(s.code(), summary(r, s));
        }
        out.put("decision", String.valueOf(r.decision()));
        Path export = dir.resolve("data/rounds/round-0001/export");
        try (Stream<Path> files = Files.list(export)) {
            for (Path f : files.sorted().toList()) {
                out.put("file " + f.getFileName(), Files.readString(f, StandardCharsets.UTF_8));
            }
        }
        return out;
    }
}
