package dev.stepwise.prover.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The {@code runs} table: creating runs, following their status, finding them again. */
public final class RunRepository {
    private static final String COLUMNS = "id, name, kind, dataset, round_id, config_json, config_hash, stepwise_version, "
            + "lean_version, mathlib_version, model, seeds_json, simulated, status, error, started_at, ended_at";

    private final Database db;

    RunRepository(Database db) {
        this.db = db;
    }

    /** Stores a new run with status {@code RUNNING}; a name already taken is an input error. */
    public Run create(NewRun run) {
        Objects.requireNonNull(run, "run");
        return db.write("create run " + run.name(), c -> {
            if (findByName(c, run.name()).isPresent()) {
                throw DatabaseException.input("a run named '" + run.name() + "' already exists in " + db.location());
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO runs (name, kind, dataset, round_id, config_json, "
                    + "config_hash, stepwise_version, lean_version, mathlib_version, model, seeds_json, simulated, status, "
                    + "started_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, run.name());
                ps.setString(2, run.kind().code());
                ps.setString(3, run.dataset());
                Columns.setNullableLong(ps, 4, run.round() == null ? null : run.round().value());
                ps.setString(5, run.configJson());
                ps.setString(6, Columns.sha256Hex(run.configJson()));
                ps.setString(7, run.versions().stepwise());
                ps.setString(8, run.versions().lean());
                ps.setString(9, run.versions().mathlib());
                ps.setString(10, run.versions().model());
                ps.setString(11, Columns.json(run.seeds()));
                ps.setInt(12, run.simulation() == Simulation.SIMULATED ? 1 : 0);
                ps.setString(13, RunStatus.RUNNING.code());
                Columns.setInstant(ps, 14, run.startedAt());
                ps.executeUpdate();
            }
            return find(c, new RunId(Columns.lastInsertId(c))).orElseThrow();
        });
    }

    public Optional<Run> find(RunId id) {
        return db.read("read run " + id, c -> find(c, id));
    }

    public Optional<Run> findByName(String name) {
        return db.read("read run " + name, c -> findByName(c, name));
    }

    /**
     * The most recent run of this kind with exactly this configuration, whatever its status: a
     * finished one is reported instead of being done again.
     */
    public Optional<Run> findLatest(RunKind kind, String configJson) {
        return db.read("look for a run with this configuration", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM runs WHERE kind = ? AND config_hash = ? "
                    + "ORDER BY started_at DESC, id DESC LIMIT 1")) {
                ps.setString(1, kind.code());
                ps.setString(2, Columns.sha256Hex(configJson));
                return one(ps);
            }
        });
    }

    /** Ends a run as completed or interrupted; use {@link #fail} for a failure with its reason. */
    public void finish(RunId id, RunStatus status, Instant at) {
        if (status == RunStatus.RUNNING || status == RunStatus.FAILED) {
            throw new IllegalArgumentException("finish takes COMPLETED or INTERRUPTED, got " + status);
        }
        update(id, status, null, at);
    }

    public void fail(RunId id, String error, Instant at) {
        update(id, RunStatus.FAILED, Objects.requireNonNull(error, "error"), at);
    }

    /** Marks a resumed run as running again. */
    public void reopen(RunId id) {
        update(id, RunStatus.RUNNING, null, null);
    }

    /**
     * Labels a run SIMULATED for good: a run resumed against the simulator is simulated in part,
     * and none of its numbers may pass for real ones.
     */
    public void markSimulated(RunId id) {
        db.write("mark run " + id + " simulated", c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE runs SET simulated = 1 WHERE id = ?")) {
                ps.setLong(1, id.value());
                if (ps.executeUpdate() != 1) {
                    throw new StoreException("database " + db.location() + " has no run " + id);
                }
            }
            return null;
        });
    }

    private void update(RunId id, RunStatus status, String error, Instant endedAt) {
        db.write("set run " + id + " to " + status.code(), c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE runs SET status = ?, error = ?, ended_at = ? WHERE id = ?")) {
                ps.setString(1, status.code());
                ps.setString(2, error);
                Columns.setInstant(ps, 3, endedAt);
                ps.setLong(4, id.value());
                if (ps.executeUpdate() != 1) {
                    throw new StoreException("database " + db.location() + " has no run " + id);
                }
            }
            return null;
        });
    }

    /** Every run, newest first, with its problem counts. */
    public List<RunOverview> list() {
        return db.read("list runs", c -> {
            List<RunOverview> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT " + prefixed("r.") + ", "
                    + "count(p.id) AS problems, "
                    + "count(CASE WHEN p.status = 'proved' THEN 1 END) AS proved, "
                    + "count(CASE WHEN p.status = 'unproved' THEN 1 END) AS unproved, "
                    + "count(CASE WHEN p.status = 'statement-error' THEN 1 END) AS statement_errors "
                    + "FROM runs r LEFT JOIN run_problems p ON p.run_id = r.id "
                    + "GROUP BY r.id ORDER BY r.started_at DESC, r.id DESC");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    int problems = rs.getInt("problems");
                    int proved = rs.getInt("proved");
                    int unproved = rs.getInt("unproved");
                    int statementErrors = rs.getInt("statement_errors");
                    out.add(new RunOverview(row(rs), problems, proved, unproved, problems - proved - unproved - statementErrors,
                            statementErrors));
                }
            }
            return out;
        });
    }

    private static String prefixed(String alias) {
        return String.join(", ", java.util.Arrays.stream(COLUMNS.split(", ")).map(col -> alias + col).toList());
    }

    static Optional<Run> find(Connection c, RunId id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM runs WHERE id = ?")) {
            ps.setLong(1, id.value());
            return one(ps);
        }
    }

    static Optional<Run> findByName(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM runs WHERE name = ?")) {
            ps.setString(1, name);
            return one(ps);
        }
    }

    private static Optional<Run> one(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(row(rs)) : Optional.empty();
        }
    }

    private static Run row(ResultSet rs) throws SQLException {
        Long round = Columns.nullableLong(rs, "round_id");
        return new Run(new RunId(rs.getLong("id")), rs.getString("name"), Columns.decode(RunKind.class, rs.getString("kind")),
                rs.getString("dataset"), round == null ? null : new RoundId(round), rs.getString("config_json"),
                rs.getString("config_hash"),
                new Versions(rs.getString("stepwise_version"), rs.getString("lean_version"),
                        rs.getString("mathlib_version"), rs.getString("model")),
                Columns.longs(rs.getString("seeds_json")),
                rs.getInt("simulated") == 1 ? Simulation.SIMULATED : Simulation.REAL,
                Columns.decode(RunStatus.class, rs.getString("status")), rs.getString("error"),
                Columns.instant(rs, "started_at"), Columns.instant(rs, "ended_at"));
    }
}
