package dev.stepwise.prover.rounds;

import dev.stepwise.iteration.Conjecture;
import dev.stepwise.iteration.ConjectureVerdict;
import dev.stepwise.iteration.Conjecturer;
import dev.stepwise.prover.store.Database;
import dev.stepwise.prover.store.Store;
import dev.stepwise.search.Theorem;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The {@code conjectures} table: every conjecture of every round, with its verdict and lineage. */
public final class ConjectureRepository implements Conjecturer.Book {
    private static final String COLUMNS = "name, round_number, header, statement, proposed, seed_problem, seed_attempt, seed_proof,"
            + " verdict, reason, attempts, proved";
    private final Database db;

    public ConjectureRepository(Store store) {
        this.db = store.database();
    }

    @Override
    public void record(int round, List<Conjecture> conjectures) {
        db.write("store the " + conjectures.size() + " conjectures of round " + round, c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM conjectures WHERE round_number = ?")) {
                ps.setInt(1, round);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO conjectures (" + COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (Conjecture x : conjectures) {
                    if (x.round() != round) {
                        throw new IllegalArgumentException("conjecture " + x.theorem().name() + " is of round " + x.round()
                                + ", not " + round);
                    }
                    ps.setString(1, x.theorem().name());
                    ps.setInt(2, round);
                    ps.setString(3, x.theorem().header());
                    ps.setString(4, x.theorem().statement());
                    ps.setString(5, x.proposed());
                    ps.setString(6, x.seedProblem());
                    ps.setString(7, x.seedAttempt());
                    ps.setString(8, x.seedProof());
                    ps.setString(9, x.verdict().code());
                    ps.setString(10, x.reason());
                    ps.setInt(11, x.attempts());
                    ps.setInt(12, x.proved());
                    ps.executeUpdate();
                }
            }
            return null;
        });
    }

    @Override
    public List<Conjecture> before(int round) {
        return query("the conjectures before round " + round, "WHERE round_number < ?", round);
    }

    /** The conjectures of one round, in the order they were proposed. */
    public List<Conjecture> of(int round) {
        return query("the conjectures of round " + round, "WHERE round_number = ?", round);
    }

    private List<Conjecture> query(String what, String where, int round) {
        return db.read("read " + what, c -> {
            List<Conjecture> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM conjectures " + where)) {
                ps.setInt(1, round);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(read(rs));
                    }
                }
            }
            // by round, then by the number the round gave it (r2_c10 after r2_c9)
            out.sort((a, b) -> a.round() != b.round() ? Integer.compare(a.round(), b.round())
                    : Integer.compare(number(a.theorem().name()), number(b.theorem().name())));
            return out;
        });
    }

    private static int number(String name) {
        return Integer.parseInt(name.substring(name.lastIndexOf("_c") + 2));
    }

    private static Conjecture read(ResultSet rs) throws SQLException {
        String code = rs.getString("verdict");
        ConjectureVerdict verdict = Arrays.stream(ConjectureVerdict.values()).filter(v -> v.code().equals(code)).findFirst()
                .orElseThrow(() -> new IllegalStateException("unknown conjecture verdict '" + code + "' in the store"));
        return new Conjecture(rs.getInt("round_number"), new Theorem(rs.getString("name"), rs.getString("header"),
                rs.getString("statement")), rs.getString("proposed"), rs.getString("seed_problem"), rs.getString("seed_attempt"),
                rs.getString("seed_proof"), verdict, rs.getString("reason"), rs.getInt("attempts"), rs.getInt("proved"));
    }

}
