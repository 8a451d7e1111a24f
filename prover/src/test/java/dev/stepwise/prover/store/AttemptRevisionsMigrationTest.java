package dev.stepwise.prover.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.stepwise.search.AttemptMode;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * V8 counts a whole-proof attempt's revisions apart from its samples. A version-7 database stored
 * revisions as samples, marked only in their edges' messages: after the migration those are
 * revisions and the samples are the proofs sampled; step searches revise nothing.
 */
class AttemptRevisionsMigrationTest {
    @TempDir
    Path dir;

    @Test
    void aVersion7DatabasesRevisionsAreCountedFromTheirEdgesAndTakenOutOfTheSamples() throws Exception {
        OlderSchemaDatabase db = OlderSchemaDatabase.withOneProblem(dir, 7);
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            // Attempt 1: whole-proof, 3 edges stored as samples, of which two are revisions of proof 0.
            // Attempt 2: a step search with an edge whose Lean message happens to read like neither.
            for (int id = 1; id <= 2; id++) {
                s.executeUpdate("INSERT INTO attempts (id, run_problem_id, attempt_index, seed, alpha, outcome, expansions,"
                        + " tactic_calls, policy_tokens, wall_ms, policy_ms, lean_ms, started_at, ended_at, mode, samples)"
                        + " VALUES (" + id + ", 1, " + (id - 1) + ", 1, 0.5, 'frontier-exhausted', 0, 0, 0, 0, 0, 0, 0, 0, "
                        + (id == 1 ? "'whole-proof', 3" : "'step', 0") + ")");
                s.executeUpdate("INSERT INTO tree_nodes (attempt_id, node_index, goal_id, status, depth) VALUES (" + id
                        + ", 0, 1, 'failed', 0)");
            }
            s.executeUpdate("INSERT INTO goals (id, sha256, text) VALUES (1, X'00', '⊢ True')");
            String edge = "INSERT INTO tree_edges (attempt_id, edge_index, parent_index, tactic, log_prob_sum, token_count,"
                    + " score, outcome, error_text, duration_us) VALUES ";
            s.executeUpdate(edge + "(1, 0, 0, 'exact h', -1, 1, -1, 'proof-rejected', 'Type mismatch', 0)");
            s.executeUpdate(edge + "(1, 1, 0, 'simp', -1, 1, -1, 'proof-rejected', 'revision 1 of proof 0: simp failed', 0)");
            s.executeUpdate(edge + "(1, 2, 0, 'trivial', -1, 1, -1, 'proof-rejected', 'revision 2 of proof 0: unsolved goals', 0)");
            s.executeUpdate(edge + "(2, 0, 0, 'simp', -1, 1, -1, 'lean-error', 'revision 1 of proof 0', 0)");
        }
        try (Store store = db.openMigrated()) {
            Attempt whole = store.attempts().find(1).orElseThrow();
            assertEquals(AttemptMode.WHOLE_PROOF, whole.mode());
            assertEquals(1, whole.samples());
            assertEquals(2, whole.revisions());
            Attempt step = store.attempts().find(2).orElseThrow();
            assertEquals(0, step.samples());
            assertEquals(0, step.revisions());
        }
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            assertThrows(SQLException.class, () -> s.executeUpdate("UPDATE attempts SET revisions = -1 WHERE id = 1"));
        }
    }
}
