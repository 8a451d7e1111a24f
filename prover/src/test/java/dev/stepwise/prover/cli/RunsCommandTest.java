package dev.stepwise.prover.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepwise.prover.eval.StoredRunFixture;
import dev.stepwise.prover.store.Store;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** runs list, runs show and report over a run written to a real database. */
class RunsCommandTest {

    @TempDir
    Path dir;

    private CliHarness cli;

    @BeforeEach
    void writeRun() {
        try (Store store = Store.open(dir.resolve("s.db"), Duration.ofSeconds(5))) {
            StoredRunFixture.write(store, "eval-1");
        }
        cli = new CliHarness(dir);
    }

    @Test
    void listShowsTheRunWithItsCounts() {
        var r = cli.run("--db", "s.db", "runs", "list");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().matches("(?s)RUN .*\neval-1 +eval +examples +completed +1/2 +0  2026-11-01 10:00  \\(simulated\\)\n"), r.out());
    }

    @Test
    void longNamesKeepTheColumnsAligned() {
        try (Store store = Store.open(dir.resolve("s.db"), Duration.ofSeconds(5))) {
            StoredRunFixture.write(store, "prove-a-rather-long-run-name-that-once-pushed-its-row-out-of-line-20261203-120000");
        }
        var r = cli.run("--db", "s.db", "runs", "list");
        assertEquals(0, r.exitCode(), r.err());
        var lines = r.out().lines().toList();
        assertEquals(3, lines.size(), r.out());
        for (String column : new String[] {"KIND", "STATUS", "STARTED"}) {
            int at = lines.get(0).indexOf(column);
            for (String line : lines.subList(1, lines.size())) {
                assertTrue(line.charAt(at - 1) == ' ' && line.charAt(at) != ' ', column + " at " + at + ":\n" + r.out());
            }
        }
    }

    @Test
    void showPrintsTheSummaryAndEveryProblem() {
        var r = cli.run("--db", "s.db", "runs", "show", "eval-1");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("| solved | **1 / 2 (50.0%)** |"), r.out());
        assertTrue(r.out().contains("| budget (A×W×N) | 2×4×50 |"), r.out());
        assertTrue(r.out().contains("| run | eval-1 (**simulated**) |"), r.out());
        assertTrue(r.out().matches("(?s).*easy +proved +accepted by the gate; axioms: propext\n.*"), r.out());
        assertTrue(r.out().matches("(?s).*mathd_algebra_1 +unproved +budget-exhausted ×2\n.*"), r.out());
    }

    @Test
    void unknownRunIsAUsageErrorNamingTheRunsThatExist() {
        var r = cli.run("--db", "s.db", "runs", "show", "eval-2");
        assertEquals(2, r.exitCode());
        assertEquals("stepwise: no run 'eval-2' in " + dir.resolve("s.db") + "; recent runs: eval-1\n", r.err());
    }

    @Test
    void reportWritesTheHtmlPages() throws Exception {
        var r = cli.run("--db", "s.db", "report", "eval-1", "--out", "rep");
        assertEquals(0, r.exitCode(), r.err());
        String index = Files.readString(dir.resolve("rep/index.html"));
        assertTrue(index.contains("1 / 2 (50.0%)"));
        try (var pages = Files.list(dir.resolve("rep/problems"))) {
            Path easy = pages.filter(p -> p.getFileName().toString().startsWith("easy")).findFirst().orElseThrow();
            String html = Files.readString(easy);
            assertTrue(html.contains("<li class=\"edge done proofpath\"><code>norm_num</code>"), html);
            assertTrue(html.contains("<li class=\"edge err\"><code>rfl</code>"), html);
        }
    }
}
