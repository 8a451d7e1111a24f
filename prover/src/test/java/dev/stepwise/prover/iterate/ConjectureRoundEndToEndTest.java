package dev.stepwise.prover.iterate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stepwise.prover.cli.CliHarness;
import dev.stepwise.prover.sim.world.World;
import dev.stepwise.prover.sim.world.WorldFile;
import dev.stepwise.prover.sim.world.WorldTheorem;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Simulated rounds with the conjecture stage on (STP): the simulated conjecturer proposes every
 * kind of conjecture ({@link ConjectureWorlds}); each rejection reason is stored, the attempted ones
 * are judged by their success rate, the kept ones' proofs are in the round's training files and
 * their pairs in the conjecturer's, lineage is one query, and the next round searches the unsolved
 * ones. A round with the stage off records that it is off. SIMULATED.
 */
@Tag("slow") // three whole rounds through the CLI
class ConjectureRoundEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();

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

    private Path world(Path pool, int statements) {
        Path world = dir.resolve("world.json");
        var gen = new CliHarness(dir).run("sim", "generate", "--from", pool.toString(), "--seed", "5", "--out", world.toString(),
                "--provable", "1", "--timeout-rate", "0", "--crash-rate", "0", "--header-import", "20ms", "--model-latency", "1ms");
        assertEquals(0, gen.exitCode(), gen.err());
        WorldFile files = new WorldFile();
        World w = files.read(world);
        files.write(ConjectureWorlds.withConjectures(w, w.theorems().stream().map(WorldTheorem::name).limit(statements).toList(), 1.1),
                world);
        return world;
    }

    private Path pool(int lines) throws Exception {
        Path pool = dir.resolve("pool.jsonl");
        List<String> all = Files.readAllLines(CliHarness.repoRoot().resolve("datasets/minif2f/test.jsonl"), StandardCharsets.UTF_8);
        Files.write(pool, all.subList(0, lines), StandardCharsets.UTF_8);
        return pool;
    }

    @Test
    void conjecturesAreFilteredAttemptedKeptTrainedOnAndSearchedAgain() throws Exception {
        Path pool = pool(12);
        Path world = world(pool, 12);
        String[] on = {"--set", "iterate.conjecture=true", "--set", "iterate.conjecture-k=6", "--set", "iterate.conjecture-max=18",
                "--set", "iterate.conjecture-seed-rate=0", "--set", "iterate.conjecture-band=0,0.5"};
        var r = round(world, pool, on);
        assertEquals(0, r.exitCode(), r.out() + r.err());

        // Every conjecture stored with its verdict; each rejection reason and each judgement occurs.
        List<String> verdicts = query("SELECT verdict FROM conjectures WHERE round_number = 1");
        assertEquals(18, verdicts.size(), verdicts.toString());
        for (String v : List.of("not-elaborating", "duplicate", "refused", "too-easy", "unprovable", "kept")) {
            assertTrue(verdicts.contains(v), v + " missing from " + verdicts);
        }
        // Rejected ones were never attempted; the reasons say why.
        assertEquals(List.of("0"), query("SELECT count(*) FROM conjectures WHERE verdict IN ('not-elaborating', 'duplicate', 'refused')"
                + " AND attempts > 0"));
        assertTrue(query("SELECT reason FROM conjectures WHERE verdict = 'refused'").stream()
                .allMatch(x -> x.equals("forbidden: contains `sorryAx`")));
        assertTrue(query("SELECT reason FROM conjectures WHERE verdict = 'duplicate'").stream()
                .allMatch(x -> x.startsWith("the same statement as ")));
        assertTrue(query("SELECT reason FROM conjectures WHERE verdict = 'not-elaborating'").stream()
                .allMatch(x -> x.contains("does not elaborate")), query("SELECT reason FROM conjectures").toString());
        assertEquals(List.of("4"), query("SELECT DISTINCT attempts FROM conjectures WHERE verdict IN ('kept', 'too-easy', 'unprovable')"));
        assertEquals(List.of("4"), query("SELECT DISTINCT proved FROM conjectures WHERE verdict = 'too-easy'"));
        // Generated names in their own namespace, never a pool name.
        assertTrue(query("SELECT name FROM conjectures").stream().allMatch(n -> n.matches("StepwiseConjecture\\.r1_c\\d+")));

        // Lineage is one query: the kept conjecture's seed is a pool statement, its proof the seed's accepted one.
        List<String> lineage = query("SELECT seed_problem || '|' || seed_proof FROM conjectures WHERE verdict = 'kept'");
        List<String> poolNames = Files.readAllLines(pool).stream().map(l -> {
            try {
                return JSON.readTree(l).path("name").asText();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
        for (String l : lineage) {
            String seed = l.substring(0, l.indexOf('|'));
            assertTrue(poolNames.contains(seed), l);
            assertTrue(l.substring(l.indexOf('|') + 1).startsWith("theorem " + seed), l);
        }

        // The kept (and too easy) conjectures' proofs are in the round's training files; their pairs in the conjecturer's.
        Path round1 = dir.resolve("data/rounds/round-0001");
        String training = Files.readString(round1.resolve("export/sft-train.jsonl")) + Files.readString(round1.resolve("export/sft-valid.jsonl"));
        assertTrue(training.contains("nlinarith [h, sq_nonneg (y - "), training);
        List<String> pairs = Files.readAllLines(round1.resolve("conjecture/conjecturer.jsonl"));
        assertEquals(lineage.size(), pairs.size());
        JsonNode pair = JSON.readTree(pairs.getFirst());
        assertTrue(pair.path("prompt").asText().startsWith("Complete the following Lean 4 code:\n\n```lean4\n<lemma>\n\n<easy theorem>\ntheorem "),
                pair.toString());
        assertTrue(pair.path("prompt").asText().endsWith("\n<hard theorem>\n theorem"), pair.toString());
        assertTrue(pair.path("completion").asText().matches("(?s) sim_conj_barely_\\d+ \\(y : ℕ\\).* := by\n</hard theorem>"), pair.toString());

        // Shown: the funnel in the round's summary (printed by iterate, and by rounds show).
        assertTrue(r.out().contains("## Conjectures\n\n| proposed | elaborated | new | proved | kept |\n"), r.out());
        var shown = new CliHarness(dir).run("--set", "store.path=" + dir.resolve("stepwise.db"), "--set",
                "iterate.data-dir=" + dir.resolve("data"), "rounds", "show", "1");
        assertEquals(0, shown.exitCode(), shown.err());
        assertTrue(shown.out().contains("| 18 | "), shown.out());

        // The next round searches the unsolved conjectures beside the pool.
        int unsolved = query("SELECT name FROM conjectures WHERE verdict = 'unprovable'").size();
        var r2 = round(world, pool, on);
        assertEquals(0, r2.exitCode(), r2.out() + r2.err());
        assertTrue(r2.out().contains("and " + unsolved + " unsolved conjectures of earlier rounds"), r2.out());
        assertEquals(String.valueOf(unsolved), query("SELECT count(*) FROM run_problems rp JOIN runs r ON r.id = rp.run_id"
                + " WHERE r.name = 'round-2-search' AND rp.name LIKE 'StepwiseConjecture.%'").getFirst());
        // Round 2 made conjectures of its own, under its own names; round 1's stay as they were.
        assertTrue(query("SELECT name FROM conjectures WHERE round_number = 2").stream().allMatch(n -> n.startsWith("StepwiseConjecture.r2_")));
        assertEquals(verdicts, query("SELECT verdict FROM conjectures WHERE round_number = 1"));
    }

    @Test
    void theStageIsOffByDefault() throws Exception {
        Path pool = pool(8);
        Path world = world(pool, 8);
        var r = round(world, pool);
        assertEquals(0, r.exitCode(), r.out() + r.err());
        assertTrue(r.out().contains("| conjecture | completed | off (iterate.conjecture is false) |"), r.out());
        assertFalse(Files.exists(dir.resolve("data/rounds/round-0001/conjecture")));
        assertEquals(List.of("0"), query("SELECT count(*) FROM conjectures"));
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
