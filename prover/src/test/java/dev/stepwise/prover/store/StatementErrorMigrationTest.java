package dev.stepwise.prover.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepwise.prover.store.schema.Migrations;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.InstantSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * V3 widens two CHECK lists for 'statement-error' by editing the table definitions in place: a
 * database of version 2 keeps every row, and the children of its run problems and attempts
 * (foreign keys with ON DELETE CASCADE) are untouched, which rebuilding the tables would not do.
 */
class StatementErrorMigrationTest {
    private static final Duration BUSY = Duration.ofSeconds(5);
    private static final InstantSource CLOCK = InstantSource.fixed(Samples.T0);

    @TempDir
    Path dir;

    private static Connection connect(Path db) throws SQLException {
        Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA foreign_keys = ON");
        }
        return c;
    }

    private static long count(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            return rs.getLong(1);
        }
    }

    @Test
    void aVersion2DatabaseKeepsItsRowsAndTakesStatementErrors() throws Exception {
        Path db = dir.resolve("v2.db");
        Store.open(db, BUSY, Migrations.of(Migrations.standard().steps().subList(0, 2)), CLOCK).close();
        try (Connection c = connect(db); Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO runs (id, name, kind, dataset, config_json, config_hash, stepwise_version, lean_version,"
                    + " mathlib_version, model, seeds_json, simulated, status, started_at) VALUES (1, 'r', 'eval', 'd', '{}', 'h',"
                    + " 'v', 'l', 'm', 'model', '[]', 1, 'completed', 0)");
            s.executeUpdate("INSERT INTO run_problems (id, run_id, ordinal, name, split, header, formal_statement,"
                    + " informal_statement, source, status) VALUES (1, 1, 0, 'p', 'test', '', 'theorem p : True := by', '', 's',"
                    + " 'unproved')");
            s.executeUpdate("INSERT INTO attempts (id, run_problem_id, attempt_index, seed, alpha, outcome, expansions,"
                    + " tactic_calls, policy_tokens, wall_ms, policy_ms, lean_ms, started_at, ended_at) VALUES (1, 1, 0, 1, 0.5,"
                    + " 'frontier-exhausted', 0, 0, 0, 0, 0, 0, 0, 0)");
            assertThrows(SQLException.class,
                    () -> s.executeUpdate("UPDATE run_problems SET status = 'statement-error' WHERE id = 1"));
        }
        Store.open(db, BUSY, Migrations.standard(), CLOCK).close();
        try (Connection c = connect(db); Statement s = c.createStatement()) {
            assertEquals(1, count(s, "SELECT count(*) FROM attempts"), "the children are kept");
            s.executeUpdate("UPDATE run_problems SET status = 'statement-error', error = 'unknown identifier' WHERE id = 1");
            s.executeUpdate("UPDATE attempts SET outcome = 'statement-error' WHERE id = 1");
            assertEquals("statement-error", s.executeQuery("SELECT status FROM run_problems").getString(1));
            SQLException bogus = assertThrows(SQLException.class,
                    () -> s.executeUpdate("UPDATE run_problems SET status = 'bogus' WHERE id = 1"));
            assertTrue(bogus.getMessage().contains("CHECK"), bogus.getMessage());
            assertEquals("ok", s.executeQuery("PRAGMA integrity_check").getString(1));
        }
    }
}
