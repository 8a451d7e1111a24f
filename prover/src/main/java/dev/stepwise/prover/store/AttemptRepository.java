package dev.stepwise.prover.store;

import dev.stepwise.search.AttemptMode;
import dev.stepwise.search.SearchOutcome;
import dev.stepwise.search.RecordedTree;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code attempts} table with what hangs off each attempt: its search tree and its proof. An
 * attempt is written once, when it ends, in one transaction with its tree and proof, so a process
 * killed at any moment leaves either the whole attempt or none of it.
 */
public final class AttemptRepository {
    private static final String COLUMNS = "a.id, a.attempt_index, a.seed, a.alpha, a.outcome, a.detail, a.expansions, "
            + "a.tactic_calls, a.policy_tokens, a.wall_ms, a.policy_ms, a.lean_ms, a.started_at, a.ended_at, "
            + "a.mode, a.samples, a.revisions, p.run_id, p.name";

    private final Database db;

    AttemptRepository(Database db) {
        this.db = db;
    }

    /** Writes the attempt; returns its database row id. */
    public long record(NewAttempt attempt) {
        Objects.requireNonNull(attempt, "attempt");
        return db.write("record attempt " + attempt.index() + " of " + attempt.problem() + " in run " + attempt.run(),
                c -> insert(c, attempt));
    }

    /** Inserts the attempt with its tree and proof inside the caller's write transaction. */
    static long insert(Connection c, NewAttempt attempt) throws SQLException {
        long problemRow = RunProblemRepository.rowId(c, attempt.run(), attempt.problem());
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO attempts (run_problem_id, attempt_index, seed, alpha, "
                + "outcome, detail, expansions, tactic_calls, policy_tokens, wall_ms, policy_ms, lean_ms, started_at, "
                + "ended_at, mode, samples, revisions) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setLong(1, problemRow);
            ps.setInt(2, attempt.index());
            ps.setLong(3, attempt.seed());
            ps.setDouble(4, attempt.alpha());
            switch (attempt.outcome()) {
                case SearchOutcome.Proved proved -> {
                    ps.setString(5, OutcomeCodes.PROOF_FOUND);
                    ps.setString(6, null);
                }
                case SearchOutcome.Failed failed -> {
                    ps.setString(5, OutcomeCodes.code(failed.reason()));
                    ps.setString(6, OutcomeCodes.detail(failed));
                }
            }
            ps.setInt(7, attempt.counts().expansions());
            ps.setInt(8, attempt.counts().tacticCalls());
            ps.setLong(9, attempt.counts().policyTokens());
            ps.setLong(10, attempt.timings().wall().toMillis());
            ps.setLong(11, attempt.timings().policy().toMillis());
            ps.setLong(12, attempt.timings().lean().toMillis());
            Columns.setInstant(ps, 13, attempt.startedAt());
            Columns.setInstant(ps, 14, attempt.endedAt());
            ps.setString(15, attempt.mode().code());
            ps.setInt(16, attempt.samples());
            ps.setInt(17, attempt.revisions());
            ps.executeUpdate();
        }
        long id = Columns.lastInsertId(c);
        SearchTreeTables.insert(c, id, attempt.tree());
        if (attempt.outcome() instanceof SearchOutcome.Proved proved) {
            ProofTable.insert(c, id, proved);
        }
        return id;
    }

    /** Writes a sketch attempt and its holes in one transaction; returns the attempt's row id. */
    public long recordSketch(NewAttempt attempt, List<SketchHole> holes) {
        Objects.requireNonNull(attempt, "attempt");
        return db.write("record sketch attempt " + attempt.index() + " of " + attempt.problem() + " in run " + attempt.run(),
                c -> {
                    long id = insert(c, attempt);
                    try (PreparedStatement ps = c.prepareStatement("INSERT INTO sketch_holes (attempt_id, sketch_index, "
                            + "hole_index, goal, status, proof, expansions, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                        for (SketchHole h : holes) {
                            ps.setLong(1, id);
                            ps.setInt(2, h.sketch());
                            ps.setInt(3, h.index());
                            ps.setString(4, h.goal());
                            ps.setString(5, h.status().code());
                            ps.setString(6, h.tactics().isEmpty() ? null : String.join("\n", h.tactics()));
                            ps.setLong(7, h.expansions());
                            ps.setString(8, h.detail());
                            ps.addBatch();
                        }
                        ps.executeBatch();
                    }
                    return id;
                });
    }

    /** The holes of a sketch attempt, by sketch then hole; none for another mode's attempt. */
    public List<SketchHole> holes(long attemptId) {
        return db.read("read the holes of attempt " + attemptId, c -> {
            List<SketchHole> out = new java.util.ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT sketch_index, hole_index, goal, status, proof, expansions, "
                    + "detail FROM sketch_holes WHERE attempt_id = ? ORDER BY sketch_index, hole_index")) {
                ps.setLong(1, attemptId);
                try (var rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String proof = rs.getString("proof");
                        out.add(new SketchHole(rs.getInt("sketch_index"), rs.getInt("hole_index"), rs.getString("goal"),
                                SketchHole.Status.ofCode(rs.getString("status")),
                                proof == null ? List.of() : List.of(proof.split("\n", -1)), rs.getLong("expansions"),
                                rs.getString("detail")));
                    }
                }
            }
            return out;
        });
    }

    public Optional<Attempt> find(long id) {
        return db.read("read attempt " + id, c -> {
            List<Attempt> found = select(c, "WHERE a.id = ?", ps -> ps.setLong(1, id));
            return found.stream().findFirst();
        });
    }

    /** The attempts recorded so far for one problem of a run, by index: what a resume need not redo. */
    public List<Attempt> forProblem(RunId run, String problem) {
        return db.read("read attempts of " + problem + " in run " + run, c -> select(c,
                "WHERE p.run_id = ? AND p.name = ? ORDER BY a.attempt_index", ps -> {
                    ps.setLong(1, run.value());
                    ps.setString(2, problem);
                }));
    }

    /** Every attempt of a run, in problem order then attempt index. */
    public List<Attempt> forRun(RunId run) {
        return db.read("read attempts of run " + run, c -> select(c,
                "WHERE p.run_id = ? ORDER BY p.ordinal, a.attempt_index", ps -> ps.setLong(1, run.value())));
    }

    /** The recorded search tree of an attempt (empty if the attempt has none or does not exist). */
    public RecordedTree tree(long id) {
        return db.read("read the search tree of attempt " + id, c -> SearchTreeTables.load(c, id));
    }

    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    private static List<Attempt> select(Connection c, String where, Binder binder) throws SQLException {
        List<Attempt> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
                + " FROM attempts a JOIN run_problems p ON p.id = a.run_problem_id " + where)) {
            binder.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(row(c, rs));
                }
            }
        }
        return out;
    }

    private static Attempt row(Connection c, ResultSet rs) throws SQLException {
        long id = rs.getLong("id");
        String outcomeCode = rs.getString("outcome");
        Optional<ProofRecord> proof = Optional.empty();
        Optional<SearchOutcome.Failed> failure = Optional.empty();
        if (outcomeCode.equals(OutcomeCodes.PROOF_FOUND)) {
            proof = Optional.of(ProofTable.load(c, id).orElseThrow(
                    () -> new StoreException("attempt " + id + " found a proof but has no proofs row")));
        } else {
            String detail = rs.getString("detail");
            failure = Optional.of(OutcomeCodes.failure(outcomeCode, detail == null ? "" : detail));
        }
        return new Attempt(id, new RunId(rs.getLong("run_id")), rs.getString("name"),
                rs.getInt("attempt_index"), rs.getLong("seed"), rs.getDouble("alpha"), proof, failure,
                new SearchCounts(rs.getInt("expansions"), rs.getInt("tactic_calls"), rs.getLong("policy_tokens")),
                new SearchTimings(Columns.millis(rs, "wall_ms"), Columns.millis(rs, "policy_ms"), Columns.millis(rs, "lean_ms")),
                Columns.instant(rs, "started_at"), Columns.instant(rs, "ended_at"),
                AttemptMode.ofCode(rs.getString("mode")), rs.getInt("samples"), rs.getInt("revisions"));
    }
}
