package dev.stepwise.prover.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepwise.prover.cli.CliHarness;
import java.nio.file.Path;
import dev.stepwise.prover.store.PostgresTestServer;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchCommandTest {
    private static final Pattern JSON_LINE = Pattern.compile(
            "\\{\"bench\": \"([a-z0-9_]+)\", \"figure\": \"([a-z0-9_]+)\", \"value\": (-?[0-9.]+|null), "
                    + "\"target\": \"(<=|>=) [0-9.E-]+\", \"ok\": (true|false)}");

    @TempDir
    Path dir;

    /** The figure names of the JSON lines, checking that each is well formed and that the exit code agrees. */
    private static List<String> figures(CliHarness.Result r) {
        List<String> json = r.out().lines().filter(l -> l.startsWith("{")).toList();
        boolean allOk = true;
        for (String line : json) {
            Matcher m = JSON_LINE.matcher(line);
            assertTrue(m.matches(), "malformed JSON line: " + line);
            allOk &= m.group(5).equals("true");
        }
        assertEquals(allOk ? 0 : 1, r.exitCode(), r.err());
        assertTrue(r.out().strip().endsWith(json.get(json.size() - 1)), "the JSON lines come last");
        return json.stream().map(l -> {
            Matcher m = JSON_LINE.matcher(l);
            m.matches();
            return m.group(1) + "/" + m.group(2);
        }).toList();
    }

    @Test
    @Tag("slow") // whole benchmarks
    void benchSearchPrintsATableThenItsFigures() {
        CliHarness.Result r = new CliHarness(dir).run("bench", "search", "--sizes", "500,1000");
        assertEquals(List.of("search/us_per_edge_5e2", "search/bytes_per_node_5e2", "search/us_per_edge_1e3",
                "search/bytes_per_node_1e3"), figures(r));
        assertTrue(r.out().contains("bytes/node"), r.out());
    }

    @Test
    @Tag("slow") // whole benchmarks
    void benchAllQuickRunsEveryRegisteredBenchmark() {
        // CI_REQUIRE_PG passed on: in CI bench scale must run, not skip
        String requirePg = System.getenv("CI_REQUIRE_PG");
        CliHarness.Result r = new CliHarness(requirePg == null ? Map.of() : Map.of("CI_REQUIRE_PG", requirePg), dir)
                .run("bench", "all", "--quick");
        List<String> names = figures(r);
        assertTrue(names.containsAll(List.of("search/us_per_edge_2e3", "search/bytes_per_node_2e3")), names.toString());
        assertTrue(r.out().contains("== bench search"), r.out());
        assertTrue(names.contains("eval/wall_over_lower_bound"), names.toString());
        assertTrue(names.contains("eval/whole_proof_wall_over_lower_bound"), names.toString());
        assertTrue(names.containsAll(List.of("faults/fault_free_solved_ending_unproved", "faults/wrong_accepts",
                "faults/solved_set_difference_after_resume")), names.toString());
        // bench scale runs where the PostgreSQL tests run, and says in one line that it skipped elsewhere
        if (PostgresTestServer.available()) {
            assertTrue(names.containsAll(List.of("scale/throughput_ratio", "scale/claim_ms_per_problem")), names.toString());
        } else {
            assertTrue(r.out().contains("bench scale skipped: no PostgreSQL server at "), r.out());
        }
        // bench eval passes on the run's own line about Lean
        assertTrue(r.out().matches("(?s).*Lean use \\(the run's line\\)   \\d+ processes leased .*"), r.out());
    }

    @Test
    void tooSmallSizesAreRefused() {
        CliHarness.Result r = new CliHarness(dir).run("bench", "search", "--sizes", "10");
        assertEquals(2, r.exitCode());
        assertEquals("stepwise: bench search: sizes must be at least 100 nodes each, got [10]", r.err().strip());
    }
}
