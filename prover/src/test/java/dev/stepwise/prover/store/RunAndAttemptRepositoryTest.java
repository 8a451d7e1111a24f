package dev.stepwise.prover.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepwise.prover.exit.ExitCode;
import dev.stepwise.prover.problems.Problem;
import dev.stepwise.prover.store.schema.Migrations;
import dev.stepwise.search.EdgeKind;
import dev.stepwise.search.EdgeRecord;
import dev.stepwise.search.FailureReason;
import dev.stepwise.search.NodeRecord;
import dev.stepwise.search.RecordedTree;
import dev.stepwise.search.SearchOutcome;
import dev.stepwise.search.Status;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass
@EnumSource(TestEngine.class)
class RunAndAttemptRepositoryTest {
    @Parameter
    TestEngine engine;
    @TempDir
    Path dir;
    private TestEngine.Place place;
    private StoreLocation dbPath;
    private Store store;

    @BeforeEach
    void open() {
        place = engine.place(dir);
        dbPath = place.location();
        store = place.open();
    }

    @AfterEach
    void close() {
        try (TestEngine.Place p = place) {
            if (store != null) {
                store.close();
            }
        }
    }

    /** The engine's own words for a broken constraint, as the message carries them. */
    private String unique() {
        return engine == TestEngine.SQLITE ? "UNIQUE constraint failed" : "ERROR: duplicate key value violates unique constraint";
    }

    @Test
    void aRunIsStoredWithEverythingNeededToReproduceIt() {
        Run run = store.runs().create(Samples.run("eval-1"));
        assertEquals(new Run(run.id(), "eval-1", RunKind.EVAL, "minif2f-test", null, "{\"budget\":\"1x8x100\"}",
                Columns.sha256Hex("{\"budget\":\"1x8x100\"}"), Samples.VERSIONS, List.of(1L, 2L), Simulation.SIMULATED,
                RunStatus.RUNNING, null, Samples.T0, null), run);
        assertEquals(run, store.runs().find(run.id()).orElseThrow());
        assertEquals(run, store.runs().findByName("eval-1").orElseThrow());
        assertTrue(store.runs().findByName("nope").isEmpty());
    }

    @Test
    void aRunNameIsTakenOnce() {
        store.runs().create(Samples.run("eval-1"));
        DatabaseException e = assertThrows(DatabaseException.class, () -> store.runs().create(Samples.run("eval-1")));
        assertEquals(ExitCode.USAGE, e.exitCode());
        assertEquals("a run named 'eval-1' already exists in " + dbPath, e.getMessage());
    }

    @Test
    void reRunningTheSameConfigurationFindsTheLatestRunWithIt() {
        Run first = store.runs().create(Samples.run("a"));
        store.runs().finish(first.id(), RunStatus.COMPLETED, Samples.T0.plusSeconds(60));
        Run second = store.runs().create(Samples.run("b"));
        store.runs().finish(second.id(), RunStatus.INTERRUPTED, Samples.T0.plusSeconds(70));
        assertEquals(second.id(), store.runs().findLatest(RunKind.EVAL, "{\"budget\":\"1x8x100\"}").orElseThrow().id());
        assertTrue(store.runs().findLatest(RunKind.EVAL, "{\"budget\":\"2x8x100\"}").isEmpty());
        assertTrue(store.runs().findLatest(RunKind.PROVE, "{\"budget\":\"1x8x100\"}").isEmpty());
        store.runs().reopen(second.id());
        Run reopened = store.runs().find(second.id()).orElseThrow();
        assertEquals(RunStatus.RUNNING, reopened.status());
        assertNull(reopened.endedAt());
        store.runs().fail(second.id(), "model server unreachable", Samples.T0.plusSeconds(90));
        Run failed = store.runs().find(second.id()).orElseThrow();
        assertEquals(RunStatus.FAILED, failed.status());
        assertEquals("model server unreachable", failed.error());
        assertEquals(Samples.T0.plusSeconds(90), failed.endedAt());
        // Whatever its status: a failed run is continued, a completed one reported again.
        assertEquals(second.id(), store.runs().findLatest(RunKind.EVAL, "{\"budget\":\"1x8x100\"}").orElseThrow().id());
    }

    @Test
    void problemsOfARunTrackWhatAResumeMustRedo() {
        RunId run = store.runs().create(Samples.run("r")).id();
        List<Problem> problems = Samples.problems(5);
        assertEquals(5, store.problems().add(run, problems));
        assertEquals(0, store.problems().add(run, problems), "adding the same list again on resume adds nothing");
        store.problems().start(run, "p0000", Samples.T0);
        store.problems().finish(run, "p0000", ProblemStatus.PROVED, Samples.T0.plusSeconds(3));
        store.problems().start(run, "p0001", Samples.T0);
        store.problems().finish(run, "p0001", ProblemStatus.UNPROVED, Samples.T0.plusSeconds(4));
        store.problems().start(run, "p0002", Samples.T0);
        store.problems().fail(run, "p0002", "model server returned 503", Samples.T0.plusSeconds(5));
        store.problems().start(run, "p0003", Samples.T0);

        assertEquals(List.of("p0002", "p0003", "p0004"),
                store.problems().unfinished(run).stream().map(Problem::name).toList());
        List<RunProblem> all = store.problems().list(run);
        assertEquals(List.of(ProblemStatus.PROVED, ProblemStatus.UNPROVED, ProblemStatus.ERROR, ProblemStatus.RUNNING,
                ProblemStatus.PENDING), all.stream().map(RunProblem::status).toList());
        assertEquals(problems.get(4), all.get(4).problem());
        assertEquals("model server returned 503", all.get(2).error());
        RunOverview summary = store.runs().list().get(0);
        assertEquals(new RunOverview(summary.run(), 5, 1, 1, 3), summary);
        // One problem by name is the same row the whole list holds, and nothing for a name not in the run.
        for (RunProblem p : all) {
            assertEquals(Optional.of(p), store.problems().find(run, p.problem().name()));
        }
        assertEquals(Optional.empty(), store.problems().find(run, "p9999"));
        RunId other = store.runs().create(Samples.run("other")).id();
        assertEquals(Optional.empty(), store.problems().find(other, "p0000"));

        StoreException e = assertThrows(StoreException.class,
                () -> store.problems().finish(run, "p9999", ProblemStatus.PROVED, Samples.T0));
        assertEquals("database " + dbPath + ": run " + run + " has no problem p9999", e.getMessage());
    }

    @Test
    void problemsStartTogetherInOneTransactionOrNotAtAll() {
        RunId run = store.runs().create(Samples.run("r")).id();
        store.problems().add(run, Samples.problems(3));
        StoreException e = assertThrows(StoreException.class,
                () -> store.problems().start(run, List.of("p0000", "p9999"), Samples.T0));
        assertEquals("database " + dbPath + ": run " + run + " has no problem p9999", e.getMessage());
        assertEquals(ProblemStatus.PENDING, store.problems().find(run, "p0000").orElseThrow().status(),
                "nothing of a failed batch is kept");

        store.problems().start(run, List.of("p0000", "p0002"), Samples.T0);
        RunProblem started = store.problems().find(run, "p0002").orElseThrow();
        assertEquals(List.of("p0002", ProblemStatus.RUNNING, Samples.T0),
                List.of(started.problem().name(), started.status(), started.startedAt()));
        assertEquals(List.of(ProblemStatus.RUNNING, ProblemStatus.PENDING, ProblemStatus.RUNNING),
                store.problems().list(run).stream().map(RunProblem::status).toList());
        assertTrue(store.problems().find(run, "p9999").isEmpty());
    }

    @Test
    void anAttemptComesBackWithItsProofVerdictAndWholeTree() {
        RunId run = store.runs().create(Samples.run("r")).id();
        store.problems().add(run, Samples.problems(2));
        NewAttempt proved = Samples.provedAttempt(run, "p0000", 0, 4, "");
        NewAttempt failed = Samples.failedAttempt(run, "p0000", 1);
        long provedId = store.attempts().record(proved);
        long failedId = store.attempts().record(failed);

        Attempt back = store.attempts().find(provedId).orElseThrow();
        assertEquals(new Attempt(provedId, run, "p0000", 0, 1000L, 0.5, Optional.of(Samples.proof(4)), Optional.empty(),
                proved.counts(), proved.timings(), proved.startedAt(), proved.endedAt()), back);
        assertEquals(proved.tree(), store.attempts().tree(provedId));
        assertEquals(failed.tree(), store.attempts().tree(failedId));
        assertEquals(List.of(provedId, failedId),
                store.attempts().forProblem(run, "p0000").stream().map(Attempt::id).toList());
        assertEquals(List.of(), store.attempts().forProblem(run, "p0001"));
        assertEquals(Optional.of(new SearchOutcome.Failed(FailureReason.BUDGET_EXPANSIONS, "100 expansions")),
                store.attempts().find(failedId).orElseThrow().failure());
    }

    @Test
    void anAttemptAtIndexAlreadyRecordedIsRefusedAndChangesNothing() {
        RunId run = store.runs().create(Samples.run("r")).id();
        store.problems().add(run, Samples.problems(1));
        store.attempts().record(Samples.provedAttempt(run, "p0000", 0, 3, ""));
        StoreException e = assertThrows(StoreException.class,
                () -> store.attempts().record(Samples.provedAttempt(run, "p0000", 0, 50, "other ")));
        assertTrue(e.getMessage().startsWith("database " + dbPath + ": cannot record attempt 0 of p0000 in run " + run
                + ": " + unique()), e.getMessage());
        DatabaseInfo.Present info = (DatabaseInfo.Present) new DatabaseInspector(Migrations.standard(), Duration.ofSeconds(1))
                .inspect(dbPath, java.util.Map.of());
        assertEquals(3, rows(info, "tree_nodes"), "the refused attempt's tree was rolled back with it");
        assertEquals(3, rows(info, "goals"));
    }

    @Test
    void goalTextIsStoredOnceAcrossAttempts() {
        RunId run = store.runs().create(Samples.run("r")).id();
        store.problems().add(run, Samples.problems(3));
        store.attempts().record(Samples.provedAttempt(run, "p0000", 0, 10, "shared "));
        store.attempts().record(Samples.provedAttempt(run, "p0001", 0, 10, "shared "));
        store.attempts().record(Samples.provedAttempt(run, "p0002", 0, 5, "own "));
        DatabaseInfo.Present info = (DatabaseInfo.Present) new DatabaseInspector(Migrations.standard(), Duration.ofSeconds(1))
                .inspect(dbPath, java.util.Map.of());
        assertEquals(25, rows(info, "tree_nodes"));
        assertEquals(15, rows(info, "goals"));
        assertEquals(50, rows(info, "tree_edges"));
    }

    @Test
    void anAttemptForAProblemOutsideTheRunIsRefused() {
        RunId run = store.runs().create(Samples.run("r")).id();
        StoreException e = assertThrows(StoreException.class,
                () -> store.attempts().record(Samples.failedAttempt(run, "p0000", 0)));
        assertEquals("run " + run + " has no problem p0000", e.getMessage());
    }

    @Test
    void foreignKeysAreEnforced() {
        NewRun orphan = new NewRun("orphan", RunKind.ROUND_SEARCH, "pool", new RoundId(999), "{}", Samples.VERSIONS,
                List.of(), Simulation.REAL, Samples.T0);
        StoreException e = assertThrows(StoreException.class, () -> store.runs().create(orphan));
        assertTrue(e.getMessage().startsWith("database " + dbPath + ": cannot create run orphan: " + (engine == TestEngine.SQLITE
                ? "FOREIGN KEY constraint failed" : "ERROR: insert or update on table \"runs\" violates foreign key constraint")),
                e.getMessage());
        assertTrue(store.runs().findByName("orphan").isEmpty());
    }

    @Test
    void treesAreCheckedBeforeTheyReachTheDatabase() {
        IllegalArgumentException dangling = assertThrows(IllegalArgumentException.class, () -> new RecordedTree(
                List.of(new NodeRecord(0, "⊢ True", 1, Status.OPEN, 0, 0, NodeRecord.UNPROVED, NodeRecord.NOT_EXPANDED, 0)),
                List.of(new EdgeRecord(0, 1, "trivial", -0.1, 1, -0.1, EdgeKind.PROGRESS, "", 0))));
        assertEquals("edge 0 (trivial) refers to node 1 of 1", dangling.getMessage());
        IllegalArgumentException childless = assertThrows(IllegalArgumentException.class, () -> new EdgeRecord(0,
                EdgeRecord.NO_NODE, "simp", -0.1, 1, -0.1, EdgeKind.PROGRESS, "", 0));
        assertEquals("an edge has a target exactly when its kind is progress; got PROGRESS with target -1",
                childless.getMessage());
    }

    static long rows(DatabaseInfo.Present info, String table) {
        return info.tables().stream().filter(t -> t.table().equals(table)).findFirst().orElseThrow().rows();
    }
}
