package dev.stepwise.prover.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The right Lean for each dataset, end to end in simulation: a world generated from the v4.24.0
 * examples is a simulated v4.24.0 project (its REPL says so when asked), a v4.28.0 dataset is
 * refused against it (exit 2, one line naming both versions), allowed with
 * {@code --allow-version-mismatch} and then labelled wherever its numbers appear, and a statement
 * Lean does not elaborate is {@code statement-error}, never {@code unproved}.
 */
class LeanTargetCheckCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Path world;

    @BeforeEach
    void generate() {
        world = dir.resolve("world.json");
        var r = new CliHarness(dir).run("sim", "generate", "--from", "examples", "--out", world.toString(), "--seed", "1",
                "--header-import", "10ms", "--model-latency", "1ms", "--provable", "1", "--timeout-rate", "0",
                "--crash-rate", "0", "--cheat-rate", "0");
        assertEquals(0, r.exitCode(), r.out() + r.err());
    }

    private CliHarness.Result eval(String dataset, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("eval", "--dataset", dataset, "--simulate", world.toString(),
                "--budget", "1x4x20", "--set", "pool.size=1", "--set", "lean.sandbox=off"));
        args.addAll(List.of(more));
        return new CliHarness(dir).run(args.toArray(String[]::new));
    }

    /** The examples' arithmetic statements, said to be for v4.28.0, and one statement the simulated Lean does not elaborate. */
    private Path v428File() throws Exception {
        String examples = Files.readString(CliHarness.repoRoot().resolve("datasets/examples/arithmetic.lean"), StandardCharsets.UTF_8);
        Path file = dir.resolve("p428.lean");
        Files.writeString(file, "-- lean-target: v4.28.0\n" + examples
                + "\ntheorem not_in_this_mathlib (n : ℕ) : n.fooBar = 0 := by\n  sorry\n");
        return file;
    }

    @Test
    void theWorldCarriesTheLeanOfItsStatements() throws Exception {
        assertEquals("v4.24.0", JSON.readTree(world.toFile()).path("lean").asText());
    }

    @Test
    void aV428DatasetAgainstTheV424ProjectIsRefusedNamingBothVersions() {
        var r = eval("proofnet-test");
        assertEquals(2, r.exitCode(), r.out() + r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("stepwise: proofnet-test targets Lean v4.28.0 but the Lean project runs Lean v4.24.0"),
                r.err());
        assertTrue(r.err().contains("make lean LEAN_VERSION=v4.28.0"), r.err());
    }

    @Test
    void aRoundOnAV428PoolAgainstTheV424ProjectIsRefusedBeforeAnySearch() {
        var r = new CliHarness(dir).run("iterate", "--pool", "proofnet-test", "--simulate", world.toString());
        assertEquals(2, r.exitCode(), r.out() + r.err());
        // After the SIMULATED line a round under --simulate always prints first.
        assertTrue(r.err().lines().anyMatch(l -> l.startsWith(
                "stepwise: proofnet-test targets Lean v4.28.0 but the Lean project runs Lean v4.24.0")), r.err());
        assertFalse(r.err().contains("starting run"), "refused before any search: " + r.err());
    }

    @Test
    void aUserFileStatesItsTargetAndIsRefusedLikeADataset() throws Exception {
        var r = eval(v428File().toString());
        assertEquals(2, r.exitCode(), r.out() + r.err());
        assertTrue(r.err().contains("targets Lean v4.28.0 but the Lean project runs Lean v4.24.0"), r.err());
    }

    @Test
    void allowedMismatchIsLabelledAndAStatementLeanRejectsIsAStatementError() throws Exception {
        Path file = v428File();
        var r = eval(file.toString(), "--allow-version-mismatch", "--name", "mm");
        // Exit 1: the statement Lean rejects is not proved (eval exits 1 whenever a problem is not proved).
        assertEquals(1, r.exitCode(), r.out() + r.err());
        String label = file + " targets Lean v4.28.0 but the Lean project runs Lean v4.24.0";
        Path runDir = dir.resolve(".stepwise/runs/mm");

        // results.jsonl: every row carries the label; the bad statement is statement-error with Lean's message
        List<JsonNode> rows = Files.readAllLines(runDir.resolve("results.jsonl")).stream().map(LeanTargetCheckCommandTest::json).toList();
        assertTrue(rows.stream().allMatch(row -> row.path("lean_mismatch").asText().equals(label)), rows.toString());
        JsonNode bad = rows.stream().filter(row -> row.path("problem").asText().equals("not_in_this_mathlib")).findFirst().orElseThrow();
        assertEquals("statement-error", bad.path("outcome").asText());
        assertFalse(bad.path("proved").asBoolean());
        assertTrue(bad.path("verdict").asText().contains("does not elaborate"), bad.toString());
        assertFalse(rows.stream().anyMatch(row -> row.path("outcome").asText().equals("unproved")
                && row.path("problem").asText().equals("not_in_this_mathlib")));

        // results.md: the label, the count of statement errors, the row
        String md = Files.readString(runDir.resolve("results.md"));
        assertTrue(md.contains("| **version mismatch** | " + label + " |"), md);
        assertTrue(md.contains("| statement errors (Lean did not elaborate them; not unproved) | 1 |"), md);
        assertTrue(md.lines().anyMatch(l -> l.startsWith("| not_in_this_mathlib | statement-error |")), md);
        assertTrue(r.out().contains("| **version mismatch** | " + label + " |"), r.out());

        // runs list
        var list = new CliHarness(dir).run("runs", "list");
        assertTrue(list.out().lines().anyMatch(l -> l.startsWith("mm ") && l.contains("(version mismatch: " + label + ")")),
                list.out());

        // the HTML report
        var report = new CliHarness(dir).run("report", "mm", "--out", dir.resolve("report").toString());
        assertEquals(0, report.exitCode(), report.out() + report.err());
        String html = Files.readString(dir.resolve("report/index.html"));
        assertTrue(html.contains("VERSION MISMATCH: " + label), html);
        assertTrue(html.contains("statement errors (Lean did not elaborate them; not unproved)"), html);
        assertTrue(html.contains("<td>statement-error</td>"), html);
    }

    @Test
    void aFileThatStatesNoTargetRunsOnTheDefaultProjectUnlabelled() throws Exception {
        Path file = dir.resolve("plain.lean");
        Files.copy(CliHarness.repoRoot().resolve("datasets/examples/arithmetic.lean"), file);
        var r = eval(file.toString(), "--name", "plain");
        assertEquals(r.evalAnswer(), r.exitCode(), r.out() + r.err());
        assertFalse(r.out().contains("version mismatch"), r.out());
        assertFalse(Files.readString(dir.resolve(".stepwise/runs/plain/results.jsonl")).contains("lean_mismatch"));
    }

    private static JsonNode json(String line) {
        try {
            return JSON.readTree(line);
        } catch (Exception e) {
            throw new AssertionError(line, e);
        }
    }
}
