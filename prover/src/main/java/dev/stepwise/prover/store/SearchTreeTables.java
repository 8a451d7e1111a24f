package dev.stepwise.prover.store;

import dev.stepwise.search.EdgeKind;
import dev.stepwise.search.EdgeRecord;
import dev.stepwise.search.NodeRecord;
import dev.stepwise.search.RecordedTree;
import dev.stepwise.search.Status;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes and reads the search's recorded tree, as it is, in {@code goals}, {@code tree_nodes} and
 * {@code tree_edges}. The search's "none" values are NULL in the database: no distance to proof,
 * never expanded, no target node, no message, no thought.
 */
final class SearchTreeTables {
    /** The codes of the {@code status} column of {@code tree_nodes} (its CHECK lists them). */
    static final CodeTable<Status> STATUSES = CodeTable.of(Status.class, Map.of(
            Status.OPEN, "open",
            Status.PROVED, "proved",
            Status.FAILED, "failed"));

    /** The codes of the {@code outcome} column of {@code tree_edges} (its CHECK lists them). */
    static final CodeTable<EdgeKind> EDGE_KINDS = CodeTable.of(EdgeKind.class, Map.of(
            EdgeKind.PROGRESS, "progress",
            EdgeKind.PROOF_COMPLETE, "proof-complete",
            EdgeKind.PROOF_REJECTED, "proof-rejected",
            EdgeKind.LEAN_ERROR, "lean-error",
            EdgeKind.TIMEOUT, "timeout",
            EdgeKind.REJECTED, "rejected",
            EdgeKind.CRASHED, "crashed",
            EdgeKind.FILTERED, "filtered",
            EdgeKind.CYCLE, "cycle"));

    private SearchTreeTables() {
    }

    static void insert(Connection c, long attemptId, RecordedTree tree) throws SQLException {
        Map<String, Long> goalIds = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO tree_nodes (attempt_id, node_index, goal_id, goal_count, "
                + "status, depth, priority, distance_to_proof, expansion_order, policy_us) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (NodeRecord n : tree.nodes()) {
                Long goal = goalIds.get(n.goals());
                if (goal == null) {
                    goal = goalId(c, n.goals());
                    goalIds.put(n.goals(), goal);
                }
                ps.setLong(1, attemptId);
                ps.setInt(2, n.id());
                ps.setLong(3, goal);
                ps.setInt(4, n.goalCount());
                ps.setString(5, STATUSES.code(n.status()));
                ps.setInt(6, n.depth());
                ps.setDouble(7, n.priority());
                Columns.setNullableInt(ps, 8, n.distanceToProof() == NodeRecord.UNPROVED ? null : n.distanceToProof());
                Columns.setNullableInt(ps, 9, n.expanded() ? n.expansionOrder() : null);
                ps.setLong(10, n.policyMicros());
                ps.addBatch();
            }
            ps.executeBatch();
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO tree_edges (attempt_id, edge_index, parent_index, tactic, "
                + "log_prob_sum, token_count, score, outcome, error_text, duration_us, child_index, thought, feedback) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (int i = 0; i < tree.edges().size(); i++) {
                EdgeRecord e = tree.edges().get(i);
                ps.setLong(1, attemptId);
                ps.setInt(2, i);
                ps.setInt(3, e.source());
                ps.setString(4, e.tactic());
                ps.setDouble(5, e.logProbSum());
                ps.setInt(6, e.tokenCount());
                ps.setDouble(7, e.score());
                ps.setString(8, EDGE_KINDS.code(e.kind()));
                if (e.message().isEmpty()) {
                    ps.setNull(9, Types.VARCHAR);
                } else {
                    ps.setString(9, e.message());
                }
                ps.setLong(10, e.environmentMicros());
                Columns.setNullableInt(ps, 11, e.target() == EdgeRecord.NO_NODE ? null : e.target());
                if (e.thought().isEmpty()) {
                    ps.setNull(12, Types.VARCHAR);
                } else {
                    ps.setString(12, e.thought());
                }
                if (e.feedback().isEmpty()) {
                    ps.setNull(13, Types.VARCHAR);
                } else {
                    ps.setString(13, e.feedback());
                }
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

    static RecordedTree load(Connection c, long attemptId) throws SQLException {
        List<NodeRecord> nodes = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT n.node_index, g.text, n.goal_count, n.status, n.depth, n.priority, "
                + "n.distance_to_proof, n.expansion_order, n.policy_us "
                + "FROM tree_nodes n JOIN goals g ON g.id = n.goal_id WHERE n.attempt_id = ? ORDER BY n.node_index")) {
            ps.setLong(1, attemptId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    int index = rs.getInt("node_index");
                    requirePosition(index, nodes.size(), "node", attemptId);
                    Integer distance = Columns.nullableInt(rs, "distance_to_proof");
                    Integer expansion = Columns.nullableInt(rs, "expansion_order");
                    nodes.add(new NodeRecord(index, rs.getString("text"), recorded(rs, "goal_count", attemptId, index).intValue(),
                            STATUSES.decode(rs.getString("status")), rs.getInt("depth"),
                            recorded(rs, "priority", attemptId, index).doubleValue(),
                            distance == null ? NodeRecord.UNPROVED : distance,
                            expansion == null ? NodeRecord.NOT_EXPANDED : expansion,
                            recorded(rs, "policy_us", attemptId, index).longValue()));
                }
            }
        }
        List<EdgeRecord> edges = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT edge_index, parent_index, tactic, log_prob_sum, token_count, "
                + "score, outcome, error_text, duration_us, child_index, thought, feedback FROM tree_edges WHERE attempt_id = ? ORDER BY edge_index")) {
            ps.setLong(1, attemptId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    requirePosition(rs.getInt("edge_index"), edges.size(), "edge", attemptId);
                    Integer child = Columns.nullableInt(rs, "child_index");
                    String message = rs.getString("error_text");
                    String thought = rs.getString("thought");
                    String feedback = rs.getString("feedback");
                    edges.add(new EdgeRecord(rs.getInt("parent_index"), child == null ? EdgeRecord.NO_NODE : child,
                            rs.getString("tactic"), rs.getDouble("log_prob_sum"), rs.getInt("token_count"), rs.getDouble("score"),
                            EDGE_KINDS.decode(rs.getString("outcome")), message == null ? "" : message,
                            rs.getLong("duration_us"), thought == null ? "" : thought, feedback == null ? "" : feedback));
                }
            }
        }
        return new RecordedTree(nodes, edges);
    }

    /**
     * A node column the search always records. The schema lets it be NULL ("not recorded"), but
     * Stepwise has only ever stored whole search trees, so a NULL here is a database written by
     * other hands: named rather than read as a made-up value.
     */
    private static Number recorded(ResultSet rs, String column, long attemptId, int node) throws SQLException {
        Object value = rs.getObject(column);
        if (value == null) {
            throw new StoreException("attempt " + attemptId + " has node " + node + " without " + column
                    + ": the tree was not written by Stepwise");
        }
        return (Number) value;
    }

    private static void requirePosition(int stored, int expected, String what, long attemptId) {
        if (stored != expected) {
            throw new StoreException("attempt " + attemptId + " has " + what + " " + stored + " where " + expected
                    + " was expected: its tree has gaps");
        }
    }
}
