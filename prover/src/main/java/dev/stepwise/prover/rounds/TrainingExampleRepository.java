package dev.stepwise.prover.rounds;

import dev.stepwise.iteration.ExampleKind;
import dev.stepwise.prover.store.Columns;
import dev.stepwise.prover.store.Database;
import dev.stepwise.prover.store.RoundId;
import dev.stepwise.prover.store.Store;
import dev.stepwise.prover.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The {@code training_examples} table. A round holds an example once (by content hash); across
 * rounds, {@link #keptHashesBefore} tells the filter what earlier rounds already kept.
 */
public final class TrainingExampleRepository {
    private static final String COLUMNS = "e.id, e.round_id, e.kind, e.prompt, e.completion, e.chosen, e.rejected, "
            + "e.source_problem, e.source_attempt, e.content_hash, e.filter_decision, e.perplexity, e.drop_reason";

    private final Database db;

    public TrainingExampleRepository(Store store) {
        this.db = store.database();
    }

    /** @return how many of {@code examples} were new to their round; the rest were already there */
    public int add(List<NewExample> examples) {
        List<NewExample> copy = List.copyOf(examples);
        return db.write("add " + copy.size() + " training examples", c -> insert(c, copy));
    }

    /**
     * Replaces every example of {@code round} with {@code examples}, in one transaction: a filter
     * stage run again after a kill records its outcome exactly once.
     *
     * @return how many examples the round holds now
     */
    public int replaceRound(RoundId round, List<NewExample> examples) {
        List<NewExample> copy = List.copyOf(examples);
        for (NewExample e : copy) {
            if (!e.round().equals(round)) {
                throw new IllegalArgumentException("an example of round id " + e.round() + " given to replace round id " + round);
            }
        }
        return db.write("replace the training examples of round id " + round, c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM training_examples WHERE round_id = ?")) {
                ps.setLong(1, round.value());
                ps.executeUpdate();
            }
            return insert(c, copy);
        });
    }

    /** Records the filter stage's verdicts, all in one transaction. */
    public void recordFilter(List<FilterResult> results) {
        List<FilterResult> copy = List.copyOf(results);
        db.write("record " + copy.size() + " filter results", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE training_examples SET filter_decision = ?, perplexity = ?, drop_reason = ? WHERE id = ?")) {
                for (FilterResult r : copy) {
                    bindFilter(ps, 1, r.filter());
                    ps.setLong(4, r.example().value());
                    if (ps.executeUpdate() != 1) {
                        throw new StoreException("database " + db.location() + " has no training example " + r.example().value());
                    }
                }
            }
            return null;
        });
    }

    /** The examples of this kind of one round, in the order they were added. */
    public List<TrainingExample> forRound(RoundId round, ExampleKind kind) {
        return db.read("read " + RoundCodes.EXAMPLE_KIND.code(kind) + " examples of round id " + round, c -> select(c,
                "WHERE e.round_id = ? AND e.kind = ? ORDER BY e.id", ps -> {
                    ps.setLong(1, round.value());
                    ps.setString(2, RoundCodes.EXAMPLE_KIND.code(kind));
                }));
    }

    /**
     * The examples of this kind from rounds 1..{@code throughRound} that the filter kept, oldest
     * round first: the accumulated data for retraining from the base model.
     */
    public List<TrainingExample> accumulated(ExampleKind kind, int throughRound) {
        return db.read("read accumulated " + RoundCodes.EXAMPLE_KIND.code(kind) + " examples", c -> select(c,
                "JOIN rounds r ON r.id = e.round_id WHERE e.kind = ? AND r.number <= ? AND e.filter_decision = 'kept' "
                        + "ORDER BY r.number, e.id", ps -> {
                            ps.setString(1, RoundCodes.EXAMPLE_KIND.code(kind));
                            ps.setInt(2, throughRound);
                        }));
    }

    /** Content hashes of the examples kept by rounds numbered below {@code roundNumber}. */
    public Set<String> keptHashesBefore(int roundNumber) {
        return db.read("read examples kept before round " + roundNumber, c -> {
            Set<String> hashes = new LinkedHashSet<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT e.content_hash FROM training_examples e "
                    + "JOIN rounds r ON r.id = e.round_id WHERE r.number < ? AND e.filter_decision = 'kept' "
                    + "ORDER BY e.content_hash")) {
                ps.setInt(1, roundNumber);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        hashes.add(rs.getString(1));
                    }
                }
            }
            return hashes;
        });
    }

    private static int insert(Connection c, List<NewExample> examples) throws SQLException {
        int added = 0;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO training_examples (round_id, kind, prompt, completion, "
                + "chosen, rejected, source_problem, source_attempt, content_hash, filter_decision, perplexity, drop_reason) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (round_id, kind, content_hash) DO NOTHING")) {
            for (NewExample e : examples) {
                ps.setLong(1, e.round().value());
                ps.setString(2, RoundCodes.EXAMPLE_KIND.code(e.kind()));
                ps.setString(3, e.content().prompt());
                switch (e.content()) {
                    case ExampleContent.Completion comp -> {
                        ps.setString(4, comp.completion());
                        ps.setNull(5, Types.VARCHAR);
                        ps.setNull(6, Types.VARCHAR);
                    }
                    case ExampleContent.Preference pref -> {
                        ps.setNull(4, Types.VARCHAR);
                        ps.setString(5, pref.chosen());
                        ps.setString(6, pref.rejected());
                    }
                }
                ps.setString(7, e.sourceProblem());
                ps.setString(8, e.sourceAttempt());
                ps.setString(9, e.contentHash());
                bindFilter(ps, 10, e.filter());
                added += ps.executeUpdate();
            }
        }
        return added;
    }

    /** Binds decision, perplexity and drop reason at {@code first}, {@code first + 1}, {@code first + 2}. */
    private static void bindFilter(PreparedStatement ps, int first, FilterVerdict filter) throws SQLException {
        if (filter == null) {
            ps.setNull(first, Types.VARCHAR);
            ps.setNull(first + 1, Types.REAL);
            ps.setNull(first + 2, Types.VARCHAR);
            return;
        }
        ps.setString(first, filter.decision().code());
        Columns.setNullableDouble(ps, first + 1, filter.perplexity());
        ps.setString(first + 2, filter.dropReason());
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
                    ExampleKind kind = RoundCodes.EXAMPLE_KIND.decode(rs.getString("kind"));
                    ExampleContent content = kind == ExampleKind.SFT
                            ? new ExampleContent.Completion(rs.getString("prompt"), rs.getString("completion"))
                            : new ExampleContent.Preference(rs.getString("prompt"), rs.getString("chosen"), rs.getString("rejected"));
                    String decision = rs.getString("filter_decision");
                    FilterVerdict filter = decision == null ? null : new FilterVerdict(
                            Columns.decode(FilterDecision.class, decision), Columns.nullableDouble(rs, "perplexity"),
                            rs.getString("drop_reason"));
                    out.add(new TrainingExample(new ExampleId(rs.getLong("id")), new RoundId(rs.getLong("round_id")), kind,
                            content, rs.getString("source_problem"), rs.getString("source_attempt"),
                            rs.getString("content_hash"), filter));
                }
            }
        }
        return out;
    }
}
