package dev.stepwise.prover.iterate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
 * The README's plateau figure (SIMULATED): a world whose fixed pool runs out after the first round
 * or two, with conjecture ladders above its statements ({@link ConjectureWorlds#withLadders}). The
 * same rounds with the conjecture stage off and on; after each round, the statements proved so far
 * (pool statements, and all statements, conjectures included). Off, the count stops growing once
 * the pool is exhausted; on, it keeps growing for more rounds. Prints the table the README shows.
 */
@Tag("slow") // eight whole rounds through the CLI (a few minutes)
class ConjecturePlateauTest {
    static final int ROUNDS = 4;

    @TempDir
    Path dir;

    @Test
    void withConjecturingStatementsProvedKeepRisingForMoreRounds() throws Exception {
        Path pool = dir.resolve("pool.jsonl");
        List<String> all = Files.readAllLines(CliHarness.repoRoot().resolve("datasets/minif2f/test.jsonl"), StandardCharsets.UTF_8);
        Files.write(pool, all.subList(0, 10), StandardCharsets.UTF_8);
        Path world = dir.resolve("world.json");
        var gen = new CliHarness(dir).run("sim", "generate", "--from", pool.toString(), "--seed", "11", "--out", world.toString(),
                "--provable", "0.6", "--timeout-rate", "0", "--crash-rate", "0", "--header-import", "20ms", "--model-latency", "1ms");
        assertEquals(0, gen.exitCode(), gen.err());
        WorldFile files = new WorldFile();
        World w = files.read(world);
        List<String> roots = w.theorems().stream().filter(WorldTheorem::provable).map(WorldTheorem::name).toList();
        files.write(ConjectureWorlds.withLadders(w, roots, ROUNDS + 1, 6, 1.3), world);

        List<int[]> off = rounds(world, pool, dir.resolve("off"));
        List<int[]> on = rounds(world, pool, dir.resolve("on"), "--set", "iterate.conjecture=true", "--set", "iterate.conjecture-k=6",
                "--set", "iterate.conjecture-max=32", "--set", "iterate.conjecture-attempts=2", "--set", "iterate.conjecture-band=0,0.5");
        StringBuilder table = new StringBuilder("| round | pool solved, off | pool solved, on | all proved, off | all proved, on |\n"
                + "|---|---|---|---|---|\n");
        for (int i = 0; i < ROUNDS; i++) {
            table.append("| ").append(i + 1).append(" | ").append(off.get(i)[0]).append(" | ").append(on.get(i)[0]).append(" | ")
                    .append(off.get(i)[1]).append(" | ").append(on.get(i)[1]).append(" |\n");
        }
        System.out.println("SIMULATED plateau figure\n" + table);
        int lastRiseOff = lastRise(off);
        int lastRiseOn = lastRise(on);
        assertTrue(lastRiseOn > lastRiseOff, "on rises until round " + lastRiseOn + ", off until " + lastRiseOff + "\n" + table);
        assertTrue(on.get(ROUNDS - 1)[1] > off.get(ROUNDS - 1)[1], table.toString());
    }

    /** The last round after which all statements proved so far grew. */
    private static int lastRise(List<int[]> counts) {
        int last = 1;
        for (int i = 1; i < counts.size(); i++) {
            if (counts.get(i)[1] > counts.get(i - 1)[1]) {
                last = i + 1;
            }
        }
        return last;
    }

    /** After each round: pool statements solved so far, and all statements (conjectures too) proved so far. */
    private List<int[]> rounds(Path world, Path pool, Path home, String... more) throws Exception {
        Files.createDirectories(home);
        List<int[]> out = new ArrayList<>();
        for (int n = 1; n <= ROUNDS; n++) {
            List<String> args = new ArrayList<>(List.of("--set", "store.path=" + home.resolve("stepwise.db"),
                    "--set", "store.runs-dir=" + home.resolve("runs"), "--set", "iterate.data-dir=" + home.resolve("data"),
                    "--set", "iterate.max-problems=10", "--set", "iterate.eval-fraction=0.2", "--set", "iterate.search-budget=1x8x24",
                    "--set", "iterate.prepass-budget=1x1x4", "--set", "iterate.eval-budget=1x2x4", "--set", "pool.size=2",
                    "--set", "model.retries=0"));
            args.addAll(List.of(more));
            args.addAll(List.of("iterate", "--pool", pool.toString(), "--simulate", world.toString()));
            var r = new CliHarness(home).run(args.toArray(String[]::new));
            assertEquals(0, r.exitCode(), r.out() + r.err());
            String proved = "SELECT count(DISTINCT rp.name) FROM run_problems rp JOIN runs r ON r.id = rp.run_id"
                    + " WHERE rp.status = 'proved' AND r.kind IN ('round-search', 'round-prepass')";
            out.add(new int[] {count(home, proved + " AND rp.name NOT LIKE 'StepwiseConjecture.%'"), count(home, proved)});
        }
        return out;
    }

    private static int count(Path home, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + home.resolve("stepwise.db")); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
