package dev.stepwise.prover.rounds;

import dev.stepwise.iteration.HeldOutComparison;
import dev.stepwise.iteration.PromotionDecision;
import dev.stepwise.iteration.Stage;
import dev.stepwise.iteration.StageRecord;
import dev.stepwise.prover.store.Columns;
import dev.stepwise.prover.store.Database;
import dev.stepwise.prover.store.DatabaseException;
import dev.stepwise.prover.store.RoundId;
import dev.stepwise.prover.store.Store;
import dev.stepwise.prover.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code rounds} and {@code round_stages} tables: each expert-iteration round as a persisted
 * state machine. The database itself keeps two rounds from running at once.
 */
public final class RoundRepository {
    private static final String COLUMNS = "id, number, pool, config_json, stage, status, current_model, candidate_model, "
            + "current_pass_rate, candidate_pass_rate, promotion_margin, decision, decision_reason, error, started_at, ended_at, "
            + "held_out, current_solved, candidate_solved, candidate_only, current_only, p_value, promotion_confidence, min_held_out, "
            + "decision_basis";

    private final Database db;

    public RoundRepository(Store store) {
        this.db = store.database();
    }

    /**
     * Starts a round in its first stage. Refused while another round is running (a killed round
     * counts: resume it or mark it failed) or when the number is taken.
     */
    public Round start(NewRound round) {
        Objects.requireNonNull(round, "round");
        return db.write("start round " + round.number(), c -> {
            Optional<Round> running = one(c, "WHERE status = 'running'", ps -> { });
            if (running.isPresent()) {
                throw DatabaseException.input("round " + running.get().number() + " is still running (stage "
                        + running.get().stage().code() + "); resume it or mark it failed before starting round "
                        + round.number());
            }
            if (one(c, "WHERE number = ?", ps -> ps.setInt(1, round.number())).isPresent()) {
                throw DatabaseException.input("round " + round.number() + " already exists in " + db.location());
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO rounds (number, pool, config_json, stage, status, "
                    + "current_model, started_at) VALUES (?, ?, ?, ?, 'running', ?, ?)")) {
                ps.setInt(1, round.number());
                ps.setString(2, round.pool());
                ps.setString(3, round.configJson());
                ps.setString(4, RoundCodes.STAGE.code(Stage.SELECT));
                ps.setString(5, round.currentModel());
                Columns.setInstant(ps, 6, round.startedAt());
                ps.executeUpdate();
            }
            long id = Columns.lastInsertId(c);
            return one(c, "WHERE id = ?", ps -> ps.setLong(1, id)).orElseThrow();
        });
    }

    /** Enters a stage (again, after a resume: its earlier unfinished record is replaced). */
    public void beginStage(RoundId round, Stage stage, Instant at) {
        db.write("begin stage " + stage.code() + " of round " + round, c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO round_stages (round_id, stage, status, started_at) "
                    + "VALUES (?, ?, 'running', ?) ON CONFLICT (round_id, stage) DO UPDATE SET status = 'running', "
                    + "summary = NULL, started_at = excluded.started_at, ended_at = NULL")) {
                ps.setLong(1, round.value());
                ps.setString(2, RoundCodes.STAGE.code(stage));
                Columns.setInstant(ps, 3, at);
                ps.executeUpdate();
            }
            updateRound(c, round, "stage = ?", ps -> ps.setString(1, RoundCodes.STAGE.code(stage)));
            return null;
        });
    }

    /** The stage is done; a resume skips it. */
    public void completeStage(RoundId round, Stage stage, String summary, Instant at) {
        Objects.requireNonNull(summary, "summary");
        db.write("complete stage " + stage.code() + " of round " + round, c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE round_stages SET status = 'completed', summary = ?, "
                    + "ended_at = ? WHERE round_id = ? AND stage = ? AND status = 'running'")) {
                ps.setString(1, summary);
                Columns.setInstant(ps, 2, at);
                ps.setLong(3, round.value());
                ps.setString(4, RoundCodes.STAGE.code(stage));
                if (ps.executeUpdate() != 1) {
                    throw new StoreException("round " + round + " has no running stage " + stage.code() + " to complete");
                }
            }
            return null;
        });
    }

    /** Records the model the train stage produced. */
    public void setCandidate(RoundId round, String candidateModel) {
        Objects.requireNonNull(candidateModel, "candidateModel");
        db.write("set the candidate model of round " + round, c -> {
            updateRound(c, round, "candidate_model = ?", ps -> ps.setString(1, candidateModel));
            return null;
        });
    }

    /** Records the promote stage's decision and the numbers behind it (the paired figures NULL when it has none). */
    public void decide(RoundId round, PromotionDecision decision) {
        Objects.requireNonNull(decision, "decision");
        PromotionDecision.Evidence e = decision.evidence();
        HeldOutComparison c = e == null ? null : e.comparison();
        db.write("record the promotion decision of round " + round, conn -> {
            updateRound(conn, round, "current_pass_rate = ?, candidate_pass_rate = ?, promotion_margin = ?, decision = ?, "
                    + "decision_reason = ?, held_out = ?, current_solved = ?, candidate_solved = ?, candidate_only = ?, "
                    + "current_only = ?, p_value = ?, promotion_confidence = ?, min_held_out = ?, decision_basis = ?", ps -> {
                        ps.setDouble(1, decision.currentPassRate());
                        ps.setDouble(2, decision.candidatePassRate());
                        ps.setDouble(3, decision.margin());
                        ps.setString(4, RoundCodes.PROMOTION.code(decision.promotion()));
                        ps.setString(5, decision.reason());
                        ps.setObject(6, c == null ? null : c.heldOut());
                        ps.setObject(7, c == null ? null : c.currentSolved());
                        ps.setObject(8, c == null ? null : c.candidateSolved());
                        ps.setObject(9, c == null ? null : c.candidateOnly());
                        ps.setObject(10, c == null ? null : c.currentOnly());
                        ps.setObject(11, e == null ? null : e.pValue());
                        ps.setObject(12, e == null ? null : e.confidence());
                        ps.setObject(13, e == null ? null : e.minHeldOut());
                        ps.setString(14, e == null ? null : RoundCodes.BASIS.code(e.basis()));
                    });
            return null;
        });
    }

    /** Takes up a failed round again; refused while another round is running. */
    public void resume(RoundId round) {
        db.write("resume round " + round, c -> {
            Optional<Round> running = one(c, "WHERE status = 'running' AND id <> ?", ps -> ps.setLong(1, round.value()));
            if (running.isPresent()) {
                throw DatabaseException.input("round " + running.get().number() + " is running; only one round runs at a time");
            }
            updateRound(c, round, "status = 'running', error = NULL, ended_at = NULL", ps -> { });
            return null;
        });
    }

    /** The round went through every stage. */
    public void complete(RoundId round, Instant at) {
        db.write("complete round " + round, c -> {
            updateRound(c, round, "status = 'completed', error = NULL, ended_at = ?", ps -> Columns.setInstant(ps, 1, at));
            return null;
        });
    }

    /** The round stopped with an error; its running stage is marked failed with it. */
    public void fail(RoundId round, String error, Instant at) {
        Objects.requireNonNull(error, "error");
        db.write("mark round " + round + " failed", c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE round_stages SET status = 'failed', summary = ?, ended_at = ? "
                    + "WHERE round_id = ? AND status = 'running'")) {
                ps.setString(1, error);
                Columns.setInstant(ps, 2, at);
                ps.setLong(3, round.value());
                ps.executeUpdate();
            }
            updateRound(c, round, "status = 'failed', error = ?, ended_at = ?", ps -> {
                ps.setString(1, error);
                Columns.setInstant(ps, 2, at);
            });
            return null;
        });
    }

    public Optional<Round> find(int number) {
        return db.read("read round " + number, c -> one(c, "WHERE number = ?", ps -> ps.setInt(1, number)));
    }

    /** The round holding the lock, if any. */
    public Optional<Round> running() {
        return db.read("read the running round", c -> one(c, "WHERE status = 'running'", ps -> { }));
    }

    /** Every round by number. */
    public List<Round> list() {
        return db.read("list rounds", c -> select(c, "ORDER BY number", ps -> { }));
    }

    /** Numbers of the rounds that ran any of their searches against the simulator, in order. */
    public List<Integer> simulated() {
        return db.read("list simulated rounds", c -> {
            List<Integer> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT r.number FROM rounds r JOIN runs u ON u.round_id = r.id "
                    + "WHERE u.simulated = 1 ORDER BY r.number");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getInt(1));
                }
            }
            return out;
        });
    }

    /** The stages a round has entered, in stage order. */
    public List<StageRecord> stages(RoundId round) {
        return db.read("read the stages of round " + round, c -> {
            List<StageRecord> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT stage, status, summary, started_at, ended_at FROM round_stages WHERE round_id = ?")) {
                ps.setLong(1, round.value());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new StageRecord(RoundCodes.STAGE.decode(rs.getString("stage")),
                                RoundCodes.STATUS.decode(rs.getString("status")), rs.getString("summary"),
                                Columns.instant(rs, "started_at"), Columns.instant(rs, "ended_at")));
                    }
                }
            }
            out.sort(java.util.Comparator.comparing(StageRecord::stage));
            return out;
        });
    }

    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    /** {@code UPDATE rounds SET <assignments> WHERE id = <round>}; the id is bound last. */
    private void updateRound(Connection c, RoundId round, String assignments, Binder binder) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE rounds SET " + assignments + " WHERE id = ?")) {
            binder.bind(ps);
            ps.setLong((int) assignments.chars().filter(ch -> ch == '?').count() + 1, round.value());
            if (ps.executeUpdate() != 1) {
                throw new StoreException("database " + db.location() + " has no round with id " + round);
            }
        }
    }

    /** The paired figures of a decision, or null for one recorded before they were kept. */
    private static PromotionDecision.Evidence evidence(ResultSet rs) throws SQLException {
        String basis = rs.getString("decision_basis");
        if (basis == null) {
            return null;
        }
        return new PromotionDecision.Evidence(new HeldOutComparison(rs.getInt("held_out"), rs.getInt("current_solved"),
                rs.getInt("candidate_solved"), rs.getInt("candidate_only"), rs.getInt("current_only")), rs.getDouble("p_value"),
                rs.getDouble("promotion_confidence"), rs.getInt("min_held_out"), RoundCodes.BASIS.decode(basis));
    }

    private static Optional<Round> one(Connection c, String where, Binder binder) throws SQLException {
        return select(c, where, binder).stream().findFirst();
    }

    private static List<Round> select(Connection c, String where, Binder binder) throws SQLException {
        List<Round> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM rounds " + where)) {
            binder.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String decision = rs.getString("decision");
                    PromotionDecision promotion = decision == null ? null : new PromotionDecision(
                            rs.getDouble("current_pass_rate"), rs.getDouble("candidate_pass_rate"),
                            rs.getDouble("promotion_margin"), RoundCodes.PROMOTION.decode(decision),
                            rs.getString("decision_reason"), evidence(rs));
                    out.add(new Round(new RoundId(rs.getLong("id")), rs.getInt("number"), rs.getString("pool"),
                            rs.getString("config_json"), RoundCodes.STAGE.decode(rs.getString("stage")),
                            RoundCodes.STATUS.decode(rs.getString("status")), rs.getString("current_model"),
                            rs.getString("candidate_model"), promotion, rs.getString("error"),
                            Columns.instant(rs, "started_at"), Columns.instant(rs, "ended_at")));
                }
            }
        }
        return out;
    }
}
