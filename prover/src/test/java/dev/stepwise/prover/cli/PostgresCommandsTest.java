package dev.stepwise.prover.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepwise.prover.store.PostgresDatabaseTestCase;
import dev.stepwise.prover.store.schema.Migrations;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The commands on a PostgreSQL store, through the real command tree: a simulated eval writes its
 * run there (no SQLite file appears), and {@code runs list}, {@code runs show}, {@code report},
 * {@code db info} and a resume read it back as they do from SQLite.
 */
class PostgresCommandsTest extends PostgresDatabaseTestCase {
    @Test
    void anEvalOnPostgresIsListedShownReportedAndResumed() {
        Path world = dir.resolve("world.json");
        var generated = new CliHarness(dir).run("sim", "generate", "--from", "minif2f-test", "--limit", "4", "--seed", "5",
                "--out", world.toString(), "--provable", "0.5", "--timeout-rate", "0", "--crash-rate", "0", "--cheat-rate", "0",
                "--header-import", "10ms", "--model-latency", "1ms");
        assertEquals(0, generated.exitCode(), generated.err());
        String url = db.toString();
        var eval = new CliHarness(dir).run("--db", url, "eval", "--dataset", "minif2f-test", "--limit", "4", "--simulate",
                world.toString(), "--budget", "1x8x40", "--set", "pool.size=1", "--set", "lean.sandbox=off", "--name", "pg1");
        assertEquals(eval.evalAnswer(), eval.exitCode(), eval.out() + eval.err());
        assertFalse(Files.exists(dir.resolve(".stepwise/stepwise.db")), "the run went to an SQLite file");

        var list = new CliHarness(dir).run("--db", url, "runs", "list");
        assertEquals(0, list.exitCode(), list.err());
        assertTrue(list.out().lines().anyMatch(l -> l.startsWith("pg1 ")), list.out());
        var show = new CliHarness(dir).run("--db", url, "runs", "show", "pg1");
        assertEquals(0, show.exitCode(), show.err());
        assertTrue(show.out().matches("(?s).*aime_1983_p2 +proved +accepted by the gate.*"), show.out());
        var report = new CliHarness(dir).run("--db", url, "report", "pg1", "--out", "rep");
        assertEquals(0, report.exitCode(), report.out() + report.err());
        assertTrue(Files.exists(dir.resolve("rep/index.html")), report.out());

        var again = new CliHarness(dir).run("--db", url, "eval", "--resume", "pg1");
        assertEquals(eval.exitCode(), again.exitCode(), again.out() + again.err());
        assertEquals(eval.out().lines().filter(l -> l.startsWith("|")).toList(),
                again.out().lines().filter(l -> l.startsWith("|")).toList());

        var info = new CliHarness(dir).run("--db", url, "db", "info");
        assertEquals(0, info.exitCode(), info.err());
        assertTrue(info.out().startsWith("database        " + url + "\n"), info.out());
        assertTrue(info.out().contains("(PostgreSQL "), info.out());
        assertTrue(info.out().contains("schema version  " + Migrations.standard().latestVersion() + " (current)"), info.out());
    }

    @Test
    void aPasswordOnTheCommandLineIsRefusedAndNeverPrinted() {
        var r = new CliHarness(dir).run("--db", "postgresql://worker:hunter2@127.0.0.1/stepwise", "runs", "list");
        assertEquals(2, r.exitCode(), r.out() + r.err());
        assertFalse((r.out() + r.err()).contains("hunter2"), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
    }
}
