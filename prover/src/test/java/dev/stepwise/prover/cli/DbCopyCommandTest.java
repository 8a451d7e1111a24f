package dev.stepwise.prover.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepwise.iteration.Example;
import dev.stepwise.iteration.ExampleKind;
import dev.stepwise.iteration.Filtered;
import dev.stepwise.iteration.Promotion;
import dev.stepwise.iteration.PromotionDecision;
import dev.stepwise.iteration.Stage;
import dev.stepwise.prover.eval.StoredRunFixture;
import dev.stepwise.prover.rounds.StoreRoundStore;
import dev.stepwise.prover.store.PostgresTestServer;
import dev.stepwise.prover.store.RunId;
import dev.stepwise.prover.store.Samples;
import dev.stepwise.prover.store.Store;
import dev.stepwise.prover.store.StoreLocation;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code db copy}: an SQLite store into PostgreSQL and back, without losing or changing a row. */
class DbCopyCommandTest {
    private static final List<String> TABLES = List.of("rounds", "round_stages", "runs", "run_problems", "attempts", "goals",
            "tree_nodes", "tree_edges", "proofs", "training_examples");

    @TempDir
    Path dir;
    private StoreLocation.Postgres pg;

    @BeforeEach
    void create() {
        pg = PostgresTestServer.createDatabase();
    }

    @AfterEach
    void drop() {
        PostgresTestServer.drop(pg);
    }

    @Test
    void aRoundTripThroughPostgresGivesBackEveryRow() throws Exception {
        Path a = dir.resolve("a.db");
        fill(a);
        Map<String, List<String>> before = dump(a);
        for (String table : TABLES) {
            assertTrue(!before.get(table).isEmpty(), "the fixture leaves " + table + " empty");
        }

        var there = new CliHarness(dir).run("db", "copy", "a.db", pg.toString());
        assertEquals(0, there.exitCode(), there.out() + there.err());
        long rows = before.values().stream().mapToLong(List::size).sum();
        assertTrue(there.out().startsWith(String.format("copied %,d rows from %s to %s%n", rows, a, pg)), there.out());
        var back = new CliHarness(dir).run("db", "copy", pg.toString(), "b.db");
        assertEquals(0, back.exitCode(), back.out() + back.err());

        assertEquals(before, dump(dir.resolve("b.db")));
        // the repositories read the PostgreSQL copy as they read the file
        var fromFile = new CliHarness(dir).run("--db", "a.db", "runs", "list");
        var fromPg = new CliHarness(dir).run("--db", pg.toString(), "runs", "list");
        assertEquals(0, fromPg.exitCode(), fromPg.err());
        assertEquals(fromFile.out().replace(a.toString(), "DB"), fromPg.out().replace(pg.toString(), "DB"));

        // copied ids were given, not drawn: the next run PostgreSQL stores gets a fresh one
        try (Store store = Store.open(pg, Duration.ofSeconds(5), Map.of())) {
            RunId next = store.runs().create(Samples.run("after-copy")).id();
            assertEquals(1 + store.runs().list().stream().mapToLong(o -> o.run().id().value())
                    .filter(id -> id != next.value()).max().orElseThrow(), next.value());
        }
    }

    @Test
    void aTargetThatHoldsRowsIsRefusedAndKeepsThem() {
        fill(dir.resolve("a.db"));
        assertEquals(0, new CliHarness(dir).run("db", "copy", "a.db", pg.toString()).exitCode());
        var again = new CliHarness(dir).run("db", "copy", "a.db", pg.toString());
        assertEquals(2, again.exitCode(), again.out() + again.err());
        assertEquals("stepwise: db copy: " + pg + " already holds rows (rounds: 1); copy into a store that is empty\n", again.err());
        var missing = new CliHarness(dir).run("db", "copy", "nothing.db", pg.toString());
        assertEquals(2, missing.exitCode(), missing.out() + missing.err());
        assertEquals("stepwise: db copy: no database at " + dir.resolve("nothing.db") + "\n", missing.err());
    }

    /** Two runs with attempts, trees and proofs, and a decided round with its stages and examples. */
    private static void fill(Path db) {
        try (Store store = Store.open(db, Duration.ofSeconds(5))) {
            StoredRunFixture.write(store, "r1");
            StoredRunFixture.write(store, "r2");
            StoreRoundStore rounds = new StoreRoundStore(store);
            rounds.start(1, "minif2f-valid", "{\"round\":1}", "base", Samples.T0);
            rounds.beginStage(1, Stage.SELECT, Samples.T0);
            rounds.completeStage(1, Stage.SELECT, "selected 12", Samples.T0.plusSeconds(1));
            Example kept = new Example.Sft("p1", "3", "[GOAL]\n⊢ a\n[PROOFSTEP]\n", "simp");
            Example dropped = new Example.Preference(ExampleKind.DPO, "p2", "4", "[GOAL]\n⊢ b\n[PROOFSTEP]\n", "omega", "linarith");
            rounds.recordExamples(1, new Filtered(List.of(kept), List.of(new Filtered.Drop(dropped, "perplexity above the band")),
                    Map.of(kept.contentHash(), 1.5, dropped.contentHash(), 30.0)));
            rounds.setCandidate(1, "stepwise-round-1");
            rounds.decide(1, new PromotionDecision(0.3, 0.5, 0.05, Promotion.PROMOTED, "promoted"));
            rounds.complete(1, Samples.T0.plusSeconds(60));
        }
    }

    /** Every row of every table, as text, in key order. */
    private static Map<String, List<String>> dump(Path db) throws Exception {
        Map<String, List<String>> out = new LinkedHashMap<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
            for (String table : TABLES) {
                List<String> rows = new ArrayList<>();
                try (ResultSet rs = s.executeQuery("SELECT * FROM " + table + " ORDER BY 1, 2")) {
                    int n = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        StringBuilder row = new StringBuilder();
                        for (int i = 1; i <= n; i++) {
                            Object v = rs.getObject(i);
                            row.append(rs.getMetaData().getColumnName(i)).append('=')
                                    .append(v instanceof byte[] b ? HexFormat.of().formatHex(b) : v).append(' ');
                        }
                        rows.add(row.toString());
                    }
                }
                out.put(table, rows);
            }
        }
        return out;
    }
}
