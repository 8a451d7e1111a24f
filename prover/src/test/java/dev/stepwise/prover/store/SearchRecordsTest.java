package dev.stepwise.prover.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.stepwise.search.AcceptanceVerdict;
import dev.stepwise.search.EdgeKind;
import dev.stepwise.search.EdgeRecord;
import dev.stepwise.search.FailureReason;
import dev.stepwise.search.NodeRecord;
import dev.stepwise.search.Proof;
import dev.stepwise.search.ProofStep;
import dev.stepwise.search.RecordedTree;
import dev.stepwise.search.SearchOutcome;
import dev.stepwise.search.SearchResult;
import dev.stepwise.search.Status;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** The search module's results, stored, come back with every recorded field: the tree as it is. */
@ParameterizedClass
@EnumSource(TestEngine.class)
class SearchRecordsTest {
    @Parameter
    TestEngine engine;
    @TempDir
    Path dir;
    @AutoClose
    TestEngine.Place place;

    @BeforeEach
    void place() {
        place = engine.place(dir);
    }

    private static final RecordedTree TREE = new RecordedTree(List.of(
            new NodeRecord(0, "⊢ 2 + 2 = 4", 1, Status.PROVED, 0, 0.0, 2, 0, 1_500),
            new NodeRecord(1, "⊢ 4 = 4", 1, Status.PROVED, 1, -0.4, 1, 1, 900),
            new NodeRecord(2, "h : False\n⊢ 4 = 4", 1, Status.OPEN, 1, -2.5, NodeRecord.UNPROVED, NodeRecord.NOT_EXPANDED, 0)),
            List.of(
                    new EdgeRecord(0, 1, "norm_num [Nat.add_comm]", -0.8, 4, -0.2, EdgeKind.PROGRESS, "", 12_345,
                            "Both sides are numerals: evaluate them."),
                    new EdgeRecord(0, 2, "exfalso", -5.0, 2, -2.5, EdgeKind.PROGRESS, "", 800),
                    new EdgeRecord(0, EdgeRecord.NO_NODE, "sorry", -0.1, 1, -0.1, EdgeKind.FILTERED, "forbidden: sorry", 0),
                    new EdgeRecord(0, EdgeRecord.NO_NODE, "simp", -0.3, 1, -0.3, EdgeKind.LEAN_ERROR, "simp made no progress", 4_000),
                    new EdgeRecord(1, EdgeRecord.NO_NODE, "exact?", -0.9, 2, -0.45, EdgeKind.PROOF_REJECTED,
                            "uses sorryAx", 70_000),
                    new EdgeRecord(1, EdgeRecord.NO_NODE, "rfl", -0.05, 1, -0.05, EdgeKind.PROOF_COMPLETE, "", 2_000)));

    private static SearchResult result(SearchOutcome outcome) {
        return new SearchResult("four", 42, 0.5, outcome, TREE, Duration.ofMillis(300), Duration.ofMillis(90),
                Duration.ofMillis(70), Duration.ZERO, Duration.ofMillis(480), 3, 2, 6, 1_000, 23, 1, 0, 1);
    }

    @Test
    void aRecordedTreeKeepsEveryFieldTheStoreHas() throws Exception {
        try (Store store = place.open()) {
            RunId run = store.runs().create(Samples.run("r")).id();
            store.problems().add(run, Samples.problems(1));
            long id = store.attempts().record(SearchRecords.failedAttempt(run, "p0000", 0,
                    result(new SearchOutcome.Failed(FailureReason.CANCELLED, "")), Samples.T0));
            RecordedTree tree = store.attempts().tree(id);
            assertEquals(new NodeRecord(0, "⊢ 2 + 2 = 4", 1, Status.PROVED, 0, 0.0, 2, 0, 1_500), tree.nodes().get(0));
            assertEquals(new NodeRecord(2, "h : False\n⊢ 4 = 4", 1, Status.OPEN, 1, -2.5, NodeRecord.UNPROVED,
                    NodeRecord.NOT_EXPANDED, 0), tree.nodes().get(2));
            assertEquals(new EdgeRecord(0, 1, "norm_num [Nat.add_comm]", -0.8, 4, -0.2, EdgeKind.PROGRESS, "", 12_345,
                            "Both sides are numerals: evaluate them."),
                    tree.edges().get(0));
            assertEquals(new EdgeRecord(0, EdgeRecord.NO_NODE, "sorry", -0.1, 1, -0.1, EdgeKind.FILTERED, "forbidden: sorry", 0),
                    tree.edges().get(2));
            assertEquals(List.of(EdgeKind.PROGRESS, EdgeKind.PROGRESS, EdgeKind.FILTERED, EdgeKind.LEAN_ERROR,
                    EdgeKind.PROOF_REJECTED, EdgeKind.PROOF_COMPLETE), tree.edges().stream().map(EdgeRecord::kind).toList());
            // The "none" values of the search are NULL in the database, as they always were.
            assertEquals(List.of("1|1|0"), query(store, "SELECT " + isNull("distance_to_proof") + " || '|' || "
                    + isNull("expansion_order") + " || '|' || " + isNull("policy_us") + " FROM tree_nodes WHERE node_index = 2"));
            assertEquals(List.of("0", "0", "1", "1", "1", "1"), query(store,
                    "SELECT " + isNull("child_index") + " FROM tree_edges ORDER BY edge_index"));
            assertEquals(List.of("1", "1", "0", "0", "0", "1"), query(store,
                    "SELECT " + isNull("error_text") + " FROM tree_edges ORDER BY edge_index"));
            // A thought is stored with its edge (V4); a tactic without one has NULL, read back as "".
            assertEquals(List.of("0", "1", "1", "1", "1", "1"), query(store,
                    "SELECT " + isNull("thought") + " FROM tree_edges ORDER BY edge_index"));
            assertEquals("", tree.edges().get(1).thought());
        }
    }

    /** 1 when the column is NULL, else 0, as text, in SQL both databases speak. */
    private static String isNull(String column) {
        return "CAST(CASE WHEN " + column + " IS NULL THEN 1 ELSE 0 END AS TEXT)";
    }

    /** The first column of every row, as text, read through the store's own connections. */
    static List<String> query(Store store, String sql) {
        return store.database().read("query", c -> {
            List<String> rows = new java.util.ArrayList<>();
            try (java.sql.Statement s = c.createStatement(); java.sql.ResultSet rs = s.executeQuery(sql)) {
                while (rs.next()) {
                    rows.add(rs.getString(1));
                }
            }
            return rows;
        });
    }

    @Test
    void provedAndFailedAttemptsAreStoredAndReadBack() {
        Proof proof = new Proof(List.of(new ProofStep("⊢ 2 + 2 = 4", "norm_num [Nat.add_comm]"), new ProofStep("⊢ 4 = 4", "rfl")));
        AcceptanceVerdict.Accepted accepted = new AcceptanceVerdict.Accepted(List.of(), List.of("propext"),
                Duration.ofMillis(650));
        NewAttempt proved = SearchRecords.provedAttempt(new RunId(1), "p0000", 0,
                result(new SearchOutcome.Proved(proof, accepted)), Samples.T0);
        assertEquals(new SearchOutcome.Proved(proof, accepted), proved.outcome());
        assertEquals(new SearchCounts(2, 6, 1_023), proved.counts());
        assertEquals(new SearchTimings(Duration.ofMillis(480), Duration.ofMillis(300), Duration.ofMillis(90)), proved.timings());
        assertEquals(Samples.T0.plusMillis(480), proved.endedAt());

        NewAttempt failed = SearchRecords.failedAttempt(new RunId(1), "p0000", 1,
                result(new SearchOutcome.Failed(FailureReason.BUDGET_TOKENS, "1023 of 1000")), Samples.T0);
        assertEquals(new SearchOutcome.Failed(FailureReason.BUDGET_TOKENS, "1023 of 1000"), failed.outcome());
        assertEquals("budget-exhausted", OutcomeCodes.code(FailureReason.BUDGET_TOKENS));
        assertEquals("tokens budget: 1023 of 1000", OutcomeCodes.detail((SearchOutcome.Failed) failed.outcome()));

        try (Store store = place.open()) {
            RunId run = store.runs().create(Samples.run("r")).id();
            store.problems().add(run, Samples.problems(1));
            NewAttempt p = SearchRecords.provedAttempt(run, "p0000", 0, result(new SearchOutcome.Proved(proof, accepted)),
                    Samples.T0);
            NewAttempt f = SearchRecords.failedAttempt(run, "p0000", 1,
                    result(new SearchOutcome.Failed(FailureReason.CANCELLED, "")), Samples.T0);
            long pid = store.attempts().record(p);
            long fid = store.attempts().record(f);
            assertEquals(TREE, store.attempts().tree(pid));
            assertEquals(Optional.of(new ProofRecord(List.of("norm_num [Nat.add_comm]", "rfl"),
                    "norm_num [Nat.add_comm]\nrfl", accepted)), store.attempts().find(pid).orElseThrow().proof());
            assertEquals(Optional.of(new SearchOutcome.Failed(FailureReason.CANCELLED, "")),
                    store.attempts().find(fid).orElseThrow().failure());
        }
    }

    @Test
    void aNodeColumnTheSearchAlwaysRecordsIsNamedWhenTheDatabaseLacksIt() throws Exception {
        long id;
        try (Store store = place.open()) {
            RunId run = store.runs().create(Samples.run("r")).id();
            store.problems().add(run, Samples.problems(1));
            id = store.attempts().record(SearchRecords.failedAttempt(run, "p0000", 0,
                    result(new SearchOutcome.Failed(FailureReason.CANCELLED, "")), Samples.T0));
        }
        try (Store store = place.open()) {
            store.database().write("damage a tree", c -> {
                try (java.sql.Statement s = c.createStatement()) {
                    return s.executeUpdate("UPDATE tree_nodes SET goal_count = NULL WHERE node_index = 1");
                }
            });
        }
        try (Store store = place.open()) {
            StoreException e = assertThrows(StoreException.class, () -> store.attempts().tree(id));
            assertEquals("attempt " + id + " has node 1 without goal_count: the tree was not written by Stepwise",
                    e.getMessage());
        }
    }

    @Test
    void everyEdgeKindOfTheSearchIsStoredAsAnOutcomeOfItsOwn() {
        java.util.Set<String> codes = new java.util.HashSet<>();
        for (EdgeKind kind : EdgeKind.values()) {
            String code = SearchTreeTables.EDGE_KINDS.code(kind);
            assertEquals(kind, SearchTreeTables.EDGE_KINDS.decode(code));
            codes.add(code);
        }
        assertEquals(EdgeKind.values().length, codes.size());
        StoreException unknown = assertThrows(StoreException.class, () -> SearchTreeTables.EDGE_KINDS.decode("proved"));
        assertEquals("unknown EdgeKind 'proved' in the database", unknown.getMessage());
    }

    @Test
    void theOutcomeMustFitTheConverterUsed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SearchRecords.provedAttempt(
                new RunId(1), "p0000", 3, result(new SearchOutcome.Failed(FailureReason.FRONTIER_EXHAUSTED, "")), Samples.T0));
        assertEquals("attempt 3 of p0000 found no proof; use failedAttempt", e.getMessage());
    }
}
