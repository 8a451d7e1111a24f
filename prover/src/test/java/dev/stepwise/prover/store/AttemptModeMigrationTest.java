package dev.stepwise.prover.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.stepwise.search.AttemptMode;

/**
 * V4 adds each attempt's mode and sample count: attempts of a version-3 database read back as step
 * searches that sampled nothing, a new attempt may be whole-proof, and no other mode is stored.
 */
class AttemptModeMigrationTest {
    @TempDir
    Path dir;

    @Test
    void aVersion3DatabasesAttemptsAreStepSearchesAndOnlyKnownModesAreStored() throws Exception {
        OlderSchemaDatabase db = OlderSchemaDatabase.withOneProblem(dir, 3);
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO attempts (id, run_problem_id, attempt_index, seed, alpha, outcome, expansions,"
                    + " tactic_calls, policy_tokens, wall_ms, policy_ms, lean_ms, started_at, ended_at) VALUES (1, 1, 0, 1, 0.5,"
                    + " 'frontier-exhausted', 0, 0, 0, 0, 0, 0, 0, 0)");
        }
        try (Store store = db.openMigrated()) {
            Attempt old = store.attempts().find(1).orElseThrow();
            assertEquals(AttemptMode.STEP, old.mode());
            assertEquals(0, old.samples());
        }
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE attempts SET mode = 'whole-proof', samples = 32 WHERE id = 1");
            SQLException bogus = assertThrows(SQLException.class,
                    () -> s.executeUpdate("UPDATE attempts SET mode = 'sketchy' WHERE id = 1"));
            assertTrue(bogus.getMessage().contains("CHECK"), bogus.getMessage());
            assertThrows(SQLException.class, () -> s.executeUpdate("UPDATE attempts SET samples = -1 WHERE id = 1"));
        }
        try (Store store = db.openMigrated()) {
            Attempt whole = store.attempts().find(1).orElseThrow();
            assertEquals(AttemptMode.WHOLE_PROOF, whole.mode());
            assertEquals(32, whole.samples());
        }
    }
}
