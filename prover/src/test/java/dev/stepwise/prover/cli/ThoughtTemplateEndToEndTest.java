package dev.stepwise.prover.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run with the thinking template (lean-star) on the simulator: the simulated model answers the
 * Lean-STaR prompt with a thought and the fenced tactic, the policy takes the tactic out, and the
 * thoughts are stored with their edges and shown in the report. SIMULATED.
 */
class ThoughtTemplateEndToEndTest {
    @TempDir
    Path dir;

    @Test
    void thoughtsAreStoredWithTheirEdgesAndShownInTheReport() throws Exception {
        Files.copy(CliHarness.repoRoot().resolve("datasets/examples/arithmetic.lean"), dir.resolve("arith.lean"));
        var gen = new CliHarness(dir).run("sim", "generate", "--from", "arith.lean", "--out", "world.json", "--seed", "3",
                "--provable", "1", "--timeout-rate", "0", "--crash-rate", "0", "--cheat-rate", "0", "--header-import", "10ms",
                "--model-latency", "1ms");
        assertEquals(0, gen.exitCode(), gen.err());
        // One tactic of the world carries a thought of its own; the others get the simulated model's default one.
        String world = Files.readString(dir.resolve("world.json"));
        String withThought = world.replaceFirst("\"skill\" : \"([^\"]*)\"",
                "\"skill\" : \"$1\", \"thought\" : \"Both sides are <the same> sum, swapped.\"");
        assertTrue(!withThought.equals(world), "the world has a tactic with a skill");
        Files.writeString(dir.resolve("world.json"), withThought);

        var r = new CliHarness(dir).run("--db", "s.db", "eval", "--dataset", "arith.lean", "--simulate", "world.json",
                "--budget", "1x8x40", "--set", "pool.size=1", "--set", "lean.sandbox=off", "--set", "model.template=lean-star",
                "--name", "star");
        assertEquals(r.evalAnswer(), r.exitCode(), r.out() + r.err());

        Path db = dir.resolve("s.db");
        List<String> thoughts = query(db, "SELECT thought FROM tree_edges WHERE thought IS NOT NULL");
        assertTrue(!thoughts.isEmpty(), "no thought stored");
        assertEquals(List.of("0"), query(db, "SELECT count(*) FROM tree_edges WHERE thought IS NULL"),
                "every tactic of a thinking model comes with its thought");
        assertTrue(thoughts.stream().allMatch(t -> t.startsWith("The goal looks like a job for ")
                || t.equals("Both sides are <the same> sum, swapped.")), thoughts.toString());
        // The tactic was taken out of the reply: no fence and no thought in a stored tactic.
        assertEquals(List.of("0"), query(db, "SELECT count(*) FROM tree_edges WHERE tactic LIKE '%```%' OR tactic LIKE '%job for%'"));

        var report = new CliHarness(dir).run("--db", "s.db", "report", "star", "--out", "rep");
        assertEquals(0, report.exitCode(), report.err());
        StringBuilder pages = new StringBuilder();
        try (var files = Files.list(dir.resolve("rep/problems"))) {
            for (Path p : files.toList()) {
                pages.append(Files.readString(p));
            }
        }
        assertTrue(pages.toString().contains("<span class=\"thought\">The goal looks like a job for "), "thought not shown");
    }

    private static List<String> query(Path db, String sql) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
        }
        return rows;
    }
}
