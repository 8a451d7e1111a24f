package dev.stepwise.prover.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Writes and reads a recorded search tree in {@code goals}, {@code tree_nodes} and {@code tree_edges}. */
final class SearchTreeTables {
    private SearchTreeTables() {
    }

    static void insert(Connection c, long attemptId, SearchTreeRecord tree) throws SQLException {
        Map<String, Long> goalIds = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO tree_nodes (attempt_id, node_index, goal_id, goal_count, "
                + "status, depth, priority, distance_to_proof, expansion_order, policy_us) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (int i = 0; i < tree.nodes().size(); i++) {
                TreeNode n = tree.nodes().get(i);
                Long goal = goalIds.get(n.goals());
                if (goal == null) {
                    goal = goalId(c, n.goals());
                    goalIds.put(n.goals(), goal);
                }
                ps.setLong(1, attemptId);
                ps.setInt(2, i);
                ps.setLong(3, goal);
                Columns.setNullableInt(ps, 4, n.goalCount());
                ps.setString(5, n.status().code());
                ps.setInt(6, n.depth());
                Columns.setNullableDouble(ps, 7, n.priority());
                Columns.setNullableInt(ps, 8, n.distanceToProof());
                Columns.setNullableInt(ps, 9, n.expansionOrder());
                Columns.setNullableLong(ps, 10, n.policyTime() == null ? null : n.policyTime().toNanos() / 1_000);
                ps.addBatch();
            }
            ps.executeBatch();
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO tree_edges (attempt_id, edge_index, parent_index, tactic, "
                + "log_prob_sum, token_count, score, outcome, error_text, duration_us, child_index) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (int i = 0; i < tree.edges().size(); i++) {
                TreeEdge e = tree.edges().get(i);
                ps.setLong(1, attemptId);
                ps.setInt(2, i);
                ps.setInt(3, e.parent());
                ps.setString(4, e.tactic());
                ps.setDouble(5, e.logProbSum());
                ps.setInt(6, e.tokenCount());
                ps.setDouble(7, e.score());
                ps.setString(8, e.outcome().code());
                if (e.errorText() == null) {
                    ps.setNull(9, Types.VARCHAR);
                } else {
                    ps.setString(9, e.errorText());
                }
                ps.setLong(10, e.duration().toNanos() / 1_000);
                Columns.setNullableInt(ps, 11, e.child());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** The id of this goal text, inserting it the first time anyone stores it. */
    private static long goalId(Connection c, String goals) throws SQLException {
        byte[] hash = Columns.sha256(goals);
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM goals WHERE sha256 = ?")) {
            ps.setBytes(1, hash);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    return rs.getLong(1);
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO goals (sha256, text) VALUES (?, ?)")) {
            ps.setBytes(1, hash);
            ps.setString(2, goals);
            ps.executeUpdate();
        }
        return Columns.lastInsertId(c);
    }

    static SearchTreeRecord load(Connection c, long attemptId) throws SQLException {
        List<TreeNode> nodes = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT n.node_index, g.text, n.goal_count, n.status, n.depth, n.priority, "
                + "n.distance_to_proof, n.expansion_order, n.policy_us "
                + "FROM tree_nodes n JOIN goals g ON g.id = n.goal_id WHERE n.attempt_id = ? ORDER BY n.node_index")) {
            ps.setLong(1, attemptId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    requirePosition(rs.getInt("node_index"), nodes.size(), "node", attemptId);
                    Long policyMicros = Columns.nullableLong(rs, "policy_us");
                    nodes.add(new TreeNode(rs.getString("text"), Columns.nullableInt(rs, "goal_count"),
                            Columns.decode(NodeStatus.class, rs.getString("status")), rs.getInt("depth"),
                            Columns.nullableDouble(rs, "priority"), Columns.nullableInt(rs, "distance_to_proof"),
                            Columns.nullableInt(rs, "expansion_order"),
                            policyMicros == null ? null : Duration.of(policyMicros, ChronoUnit.MICROS)));
                }
            }
        }
        List<TreeEdge> edges = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT edge_index, parent_index, tactic, log_prob_sum, token_count, "
                + "score, outcome, error_text, duration_us, child_index FROM tree_edges WHERE attempt_id = ? ORDER BY edge_index")) {
            ps.setLong(1, attemptId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    requirePosition(rs.getInt("edge_index"), edges.size(), "edge", attemptId);
                    edges.add(new TreeEdge(rs.getInt("parent_index"), rs.getString("tactic"), rs.getDouble("log_prob_sum"),
                            rs.getInt("token_count"), rs.getDouble("score"),
                            Columns.decode(EdgeOutcome.class, rs.getString("outcome")), rs.getString("error_text"),
                            Duration.of(rs.getLong("duration_us"), ChronoUnit.MICROS), Columns.nullableInt(rs, "child_index")));
                }
            }
        }
        return new SearchTreeRecord(nodes, edges);
    }

    private static void requirePosition(int stored, int expected, String what, long attemptId) {
        if (stored != expected) {
            throw new StoreException("attempt " + attemptId + " has " + what + " " + stored + " where " + expected
                    + " was expected: its tree has gaps");
        }
    }
}
