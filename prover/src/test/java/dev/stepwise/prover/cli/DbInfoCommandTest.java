package dev.stepwise.prover.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepwise.prover.store.NewRun;
import dev.stepwise.prover.store.RunKind;
import dev.stepwise.prover.store.Simulation;
import dev.stepwise.prover.store.Store;
import dev.stepwise.prover.store.Versions;
import dev.stepwise.prover.store.schema.Migration;
import dev.stepwise.prover.store.schema.Migrations;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DbInfoCommandTest {
    @TempDir
    Path work;

    private record Result(int exit, String out, String err) {
    }

    private Result run(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = new Cli(new Invocation(env, work, work)).execute(new PrintWriter(out), new PrintWriter(err), args);
        return new Result(exit, out.toString(), err.toString());
    }

    private static NewRun sampleRun(String name) {
        return new NewRun(name, RunKind.PROVE, "examples/algebra.lean", null, "{}", new Versions("0.1.0", "v4.19.0",
                "v4.19.0", "portfolio"), List.of(0L), Simulation.REAL, Instant.parse("2026-11-22T10:00:00Z"));
    }

    @Test
    void aMissingDatabaseIsReportedAndNothingIsCreated() {
        Result r = run(Map.of(), "db", "info");
        Path expected = work.resolve(".stepwise/stepwise.db");
        assertEquals(new Result(0, "no database at " + expected
                + " yet (the first prove, eval or iterate run creates it)\n", ""), r);
        assertTrue(Files.notExists(work.resolve(".stepwise")));
    }

    /** The schema version this build ships (it grows by one with each migration). */
    private static final int LATEST = Migrations.standard().latestVersion();

    @Test
    void showsPathSchemaVersionAndRowCounts() {
        Path db = work.resolve(".stepwise/stepwise.db");
        try (Store store = Store.open(db, Duration.ofSeconds(5))) {
            store.runs().create(sampleRun("a"));
            store.runs().create(sampleRun("b"));
        }
        Result r = run(Map.of(), "db", "info");
        assertEquals(0, r.exit(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals("database        " + db, lines.get(0));
        assertTrue(lines.get(1).matches("size            \\d+\\.\\d KiB \\(journal mode wal\\)"), lines.get(1));
        assertEquals("schema version  " + LATEST + " (current)", lines.get(2));
        assertEquals("rows", lines.get(3));
        assertTrue(lines.contains("  runs                          2"), r.out());
        // Counts are right-aligned, so a two-digit version takes one column more.
        assertTrue(lines.stream().anyMatch(l -> l.matches("  schema_version +" + LATEST)), r.out());
        assertTrue(lines.contains("  training_examples             0"), r.out());
        assertTrue(lines.contains("  step_thoughts                 0"), r.out());
        assertTrue(lines.contains("  conjectures                   0"), r.out());
        assertTrue(lines.contains("  sketch_holes                  0"), r.out());
        assertEquals(4 + 14, lines.size(), r.out());
    }

    @Test
    void theDbFlagAndTheEnvironmentChooseTheDatabase() throws Exception {
        Path viaFlag = work.resolve("elsewhere/flag.db");
        Store.open(viaFlag, Duration.ofSeconds(5)).close();
        assertEquals("database        " + viaFlag, run(Map.of(), "db", "info", "--db", "elsewhere/flag.db").out().lines()
                .findFirst().orElseThrow());
        Path viaEnv = work.resolve("env.db");
        Store.open(viaEnv, Duration.ofSeconds(5)).close();
        assertEquals("database        " + viaEnv, run(Map.of("STEPWISE_STORE_PATH", viaEnv.toString()), "db", "info").out()
                .lines().findFirst().orElseThrow());
    }

    @Test
    void aFileThatIsNotADatabaseExitsTwoWithOneLine() throws Exception {
        Files.writeString(work.resolve("results.jsonl"), "{\"problem\": \"mathd_algebra_478\", \"proved\": true}\n");
        Result r = run(Map.of(), "db", "info", "--db", "results.jsonl");
        assertEquals(new Result(2, "", "stepwise: " + work.resolve("results.jsonl")
                + " is not a Stepwise database (not an SQLite file)\n"), r);
    }

    @Test
    void aNewerDatabaseIsDescribedWithItsVersion() {
        Path db = work.resolve("old.db");
        List<Migration> steps = new java.util.ArrayList<>(Migrations.standard().steps());
        steps.add(new Migration(LATEST + 1, "later", "CREATE TABLE later_things (id INTEGER PRIMARY KEY);"));
        Store.open(db, Duration.ofSeconds(5), Migrations.of(steps), InstantSource.system()).close();
        Result r = run(Map.of(), "db", "info", "--db", "old.db");
        assertEquals(0, r.exit(), r.err());
        assertEquals("schema version  " + (LATEST + 1) + " (newer than this stepwise, which understands up to " + LATEST
                + "; upgrade stepwise to use it)",
                r.out().lines().toList().get(2));
        assertTrue(r.out().contains("  later_things "), r.out());
    }

    @Test
    void anOlderDatabaseIsDescribedNotUpgraded() throws Exception {
        Path db = work.resolve("empty.db");
        Files.createFile(db);
        Result r = run(Map.of(), "db", "info", "--db", "empty.db");
        assertEquals(new Result(0, "database        " + db + "\n"
                + "size            0 bytes (journal mode delete)\n"
                + "schema version  0 (this stepwise understands up to " + LATEST + "; the database is upgraded when a command next opens "
                + "it for writing)\n"
                + "rows\n", ""), r);
        assertEquals(0, Files.size(db));
    }

    @Test
    void dbAppearsInTheHelp() {
        Result r = run(Map.of(), "--help");
        assertTrue(r.out().lines().anyMatch(l -> l.strip().startsWith("db ") && l.contains("Look at the database")), r.out());
    }
}
