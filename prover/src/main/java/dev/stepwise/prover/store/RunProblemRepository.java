package dev.stepwise.prover.store;

import dev.stepwise.prover.problems.Problem;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code run_problems} table: the problems of each run and their status, which is what lets a
 * killed run resume without redoing finished problems.
 */
public final class RunProblemRepository {
    private static final String COLUMNS = "run_id, ordinal, name, split, header, formal_statement, informal_statement, "
            + "source, status, error, started_at, ended_at";

    private final Database db;

    RunProblemRepository(Database db) {
        this.db = db;
    }

    /**
     * Adds the problems of a run as pending, in order. Problems already in the run (same name) are
     * left as they are, so a resumed run can add its whole list again.
     *
     * @return how many problems were new
     */
    public int add(RunId run, List<Problem> problems) {
        List<Problem> copy = List.copyOf(problems);
        return db.write("add " + copy.size() + " problems to run " + run, c -> {
            int next;
            try (PreparedStatement ps = c.prepareStatement("SELECT coalesce(max(ordinal) + 1, 0) FROM run_problems WHERE run_id = ?")) {
                ps.setLong(1, run.value());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    next = rs.getInt(1);
                }
            }
            int added = 0;
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO run_problems (run_id, ordinal, name, split, header, "
                    + "formal_statement, informal_statement, source, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
                    + "ON CONFLICT (run_id, name) DO NOTHING")) {
                for (Problem p : copy) {
                    ps.setLong(1, run.value());
                    ps.setInt(2, next);
                    ps.setString(3, p.name());
                    ps.setString(4, p.split());
                    ps.setString(5, p.header());
                    ps.setString(6, p.formalStatement());
                    ps.setString(7, p.informalStatement());
                    ps.setString(8, p.source());
                    ps.setString(9, ProblemStatus.PENDING.code());
                    if (ps.executeUpdate() == 1) {
                        added++;
                        next++;
                    }
                }
            }
            return added;
        });
    }

    /** The problem is being worked on now. */
    public void start(RunId run, String problem, Instant at) {
        start(run, List.of(problem), at);
    }

    /** The problems are being worked on now: one transaction for all of them. */
    public void start(RunId run, List<String> problems, Instant at) {
        List<String> names = List.copyOf(problems);
        // Attempts left by an interrupted earlier start are discarded in the same transaction, so a
        // resumed run ends with exactly the rows of an uninterrupted one.
        db.write("start " + (names.size() == 1 ? "problem " + names.get(0) : names.size() + " problems") + " of run " + run,
                c -> {
                    try (PreparedStatement delete = c.prepareStatement("DELETE FROM attempts WHERE run_problem_id = "
                            + "(SELECT id FROM run_problems WHERE run_id = ? AND name = ?)");
                            PreparedStatement update = c.prepareStatement("UPDATE run_problems SET status = 'running', "
                                    + "error = NULL, started_at = ?, ended_at = NULL WHERE run_id = ? AND name = ?")) {
                        for (String problem : names) {
                            delete.setLong(1, run.value());
                            delete.setString(2, problem);
                            delete.executeUpdate();
                            Columns.setInstant(update, 1, at);
                            update.setLong(2, run.value());
                            update.setString(3, problem);
                            if (update.executeUpdate() != 1) {
                                throw new StoreException("database " + db.location() + ": run " + run + " has no problem " + problem);
                            }
                        }
                    }
                    return null;
                });
    }

    /** The problem is done: {@code PROVED} or {@code UNPROVED}; see {@link #rejectStatement} for the third end. */
    public void finish(RunId run, String problem, ProblemStatus status, Instant at) {
        if (!status.finished()) {
            throw new IllegalArgumentException("finish takes PROVED or UNPROVED, got " + status);
        }
        update(run, problem, "UPDATE run_problems SET status = ?, error = NULL, ended_at = ? WHERE run_id = ? AND name = ?",
                ps -> {
                    ps.setString(1, status.code());
                    Columns.setInstant(ps, 2, at);
                });
    }

    /** Lean did not elaborate the statement: final, with Lean's message as the problem's error. */
    public void rejectStatement(RunId run, String problem, String message, Instant at) {
        Objects.requireNonNull(message, "message");
        update(run, problem, "UPDATE run_problems SET status = 'statement-error', error = ?, ended_at = ? WHERE run_id = ? AND name = ?",
                ps -> {
                    ps.setString(1, message);
                    Columns.setInstant(ps, 2, at);
                });
    }

    /** The environment failed on this problem; a resume tries it again. */
    public void fail(RunId run, String problem, String error, Instant at) {
        Objects.requireNonNull(error, "error");
        update(run, problem, "UPDATE run_problems SET status = 'error', error = ?, ended_at = ? WHERE run_id = ? AND name = ?",
                ps -> {
                    ps.setString(1, error);
                    Columns.setInstant(ps, 2, at);
                });
    }

    /** What a resume still has to do: pending, running and errored problems, in run order. */
    public List<Problem> unfinished(RunId run) {
        return db.read("list unfinished problems of run " + run, c -> {
            List<Problem> out = new ArrayList<>();
            for (RunProblem p : select(c, "WHERE run_id = ? AND status IN ('pending', 'running', 'error') ORDER BY ordinal",
                    run)) {
                out.add(p.problem());
            }
            return out;
        });
    }

    /** One problem of a run. */
    public Optional<RunProblem> find(RunId run, String problem) {
        return db.read("find problem " + problem + " of run " + run, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM run_problems WHERE run_id = ? AND name = ?")) {
                ps.setLong(1, run.value());
                ps.setString(2, problem);
                List<RunProblem> found = rows(ps, run);
                return found.isEmpty() ? Optional.<RunProblem>empty() : Optional.of(found.get(0));
            }
        });
    }

    /** Every problem of a run in order. */
    public List<RunProblem> list(RunId run) {
        return db.read("list problems of run " + run, c -> select(c, "WHERE run_id = ? ORDER BY ordinal", run));
    }

    /** Every run's try at each of {@code names}, in run order; names no run has tried are absent. */
    public List<ProblemTry> tries(Collection<String> names) {
        Set<String> wanted = new HashSet<>(names);
        return db.read("read problem history", c -> {
            List<ProblemTry> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT p.run_id, p.name, p.header, p.formal_statement, p.status, "
                    + "(SELECT count(*) FROM attempts a WHERE a.run_problem_id = p.id) AS attempts "
                    + "FROM run_problems p ORDER BY p.run_id, p.ordinal");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (wanted.contains(rs.getString("name"))) {
                        out.add(new ProblemTry(new RunId(rs.getLong("run_id")), rs.getString("name"), rs.getString("header"),
                                rs.getString("formal_statement"), ProblemStatus.PROVED.code().equals(rs.getString("status")),
                                rs.getInt("attempts")));
                    }
                }
            }
            return out;
        });
    }

    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    /** Runs an UPDATE whose last two parameters are the run id and the problem name. */
    private void update(RunId run, String problem, String sql, Binder binder) {
        db.write("update problem " + problem + " of run " + run, c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                binder.bind(ps);
                int n = (int) sql.chars().filter(ch -> ch == '?').count();
                ps.setLong(n - 1, run.value());
                ps.setString(n, problem);
                if (ps.executeUpdate() != 1) {
                    throw new StoreException("database " + db.location() + ": run " + run + " has no problem " + problem);
                }
            }
            return null;
        });
    }

    private static List<RunProblem> select(Connection c, String where, RunId run) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM run_problems " + where)) {
            ps.setLong(1, run.value());
            return rows(ps, run);
        }
    }

    private static List<RunProblem> rows(PreparedStatement ps, RunId run) throws SQLException {
        List<RunProblem> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Problem problem = new Problem(rs.getString("name"), rs.getString("split"), rs.getString("header"),
                        rs.getString("formal_statement"), rs.getString("informal_statement"), rs.getString("source"));
                out.add(new RunProblem(run, rs.getInt("ordinal"), problem,
                        Columns.decode(ProblemStatus.class, rs.getString("status")), rs.getString("error"),
                        Columns.instant(rs, "started_at"), Columns.instant(rs, "ended_at")));
            }
        }
        return out;
    }

    /** The row id of a problem of a run, for tables that hang off it. */
    static long rowId(Connection c, RunId run, String problem) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM run_problems WHERE run_id = ? AND name = ?")) {
            ps.setLong(1, run.value());
            ps.setString(2, problem);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new StoreException("run " + run + " has no problem " + problem);
                }
                return rs.getLong(1);
            }
        }
    }
}
