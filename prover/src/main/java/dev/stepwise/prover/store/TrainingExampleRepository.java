package dev.stepwise.prover.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code training_examples} table. An example is stored once across all rounds: adding one
 * that an earlier round (or the same round) already harvested does nothing.
 */
public final class TrainingExampleRepository {
    private static final String COLUMNS = "e.id, e.round_id, e.kind, e.prompt, e.completion, e.chosen, e.rejected, "
            + "e.source_problem, e.source_attempt_id, e.content_hash, e.perplexity, e.filter_decision";

    private final Database db;

    TrainingExampleRepository(Database db) {
        this.db = db;
    }

    /** @return how many of {@code examples} were new; the rest had been harvested before */
    public int add(List<NewExample> examples) {
        List<NewExample> copy = List.copyOf(examples);
        return db.write("add " + copy.size() + " training examples", c -> {
            int added = 0;
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO training_examples (round_id, kind, prompt, completion, "
                    + "chosen, rejected, source_problem, source_attempt_id, content_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
                    + "ON CONFLICT (kind, content_hash) DO NOTHING")) {
                for (NewExample e : copy) {
                    ps.setLong(1, e.round().value());
                    ps.setString(2, e.kind().code());
                    ps.setString(3, e.content().prompt());
                    switch (e.content()) {
                        case ExampleContent.Completion comp -> {
                            ps.setString(4, comp.completion());
                            ps.setString(5, null);
                            ps.setString(6, null);
                        }
                        case ExampleContent.Preference pref -> {
                            ps.setString(4, null);
                            ps.setString(5, pref.chosen());
                            ps.setString(6, pref.rejected());
                        }
                    }
                    ps.setString(7, e.sourceProblem());
                    Columns.setNullableLong(ps, 8, e.sourceAttempt() == null ? null : e.sourceAttempt().value());
                    ps.setString(9, e.contentHash());
                    added += ps.executeUpdate();
                }
            }
            return added;
        });
    }

    /** Records the filter stage's verdicts, all in one transaction. */
    public void recordFilter(List<FilterResult> results) {
        List<FilterResult> copy = List.copyOf(results);
        db.write("record " + copy.size() + " filter results", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE training_examples SET perplexity = ?, filter_decision = ? WHERE id = ?")) {
                for (FilterResult r : copy) {
                    ps.setDouble(1, r.perplexity());
                    ps.setString(2, r.decision().code());
                    ps.setLong(3, r.example().value());
                    if (ps.executeUpdate() != 1) {
                        throw new StoreException("database " + db.path() + " has no training example " + r.example().value());
                    }
                }
            }
            return null;
        });
    }

    /** The examples of this kind harvested by one round, in the order they were added. */
    public List<TrainingExample> forRound(RoundId round, ExampleKind kind) {
        return db.read("read " + kind.code() + " examples of round " + round, c -> select(c,
                "WHERE e.round_id = ? AND e.kind = ? ORDER BY e.id", ps -> {
                    ps.setLong(1, round.value());
                    ps.setString(2, kind.code());
                }));
    }

    /**
     * The examples of this kind from rounds 1..{@code throughRound} that the filter did not drop:
     * the accumulated data for retraining from the base model.
     */
    public List<TrainingExample> accumulated(ExampleKind kind, int throughRound) {
        return db.read("read accumulated " + kind.code() + " examples", c -> select(c,
                "JOIN rounds r ON r.id = e.round_id WHERE e.kind = ? AND r.number <= ? "
                        + "AND (e.filter_decision IS NULL OR e.filter_decision = 'kept') ORDER BY r.number, e.id", ps -> {
                            ps.setString(1, kind.code());
                            ps.setInt(2, throughRound);
                        }));
    }

    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    private static List<TrainingExample> select(Connection c, String rest, Binder binder) throws SQLException {
        List<TrainingExample> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM training_examples e " + rest)) {
            binder.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ExampleKind kind = Columns.decode(ExampleKind.class, rs.getString("kind"));
                    ExampleContent content = kind == ExampleKind.SFT
                            ? new ExampleContent.Completion(rs.getString("prompt"), rs.getString("completion"))
                            : new ExampleContent.Preference(rs.getString("prompt"), rs.getString("chosen"), rs.getString("rejected"));
                    ExampleId id = new ExampleId(rs.getLong("id"));
                    Long attempt = Columns.nullableLong(rs, "source_attempt_id");
                    String decision = rs.getString("filter_decision");
                    FilterResult filter = decision == null ? null
                            : new FilterResult(id, rs.getDouble("perplexity"), Columns.decode(FilterDecision.class, decision));
                    out.add(new TrainingExample(id, new RoundId(rs.getLong("round_id")), kind, content,
                            rs.getString("source_problem"), attempt == null ? null : new AttemptId(attempt),
                            rs.getString("content_hash"), filter));
                }
            }
        }
        return out;
    }
}
