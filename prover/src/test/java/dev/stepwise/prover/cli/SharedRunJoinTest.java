package dev.stepwise.prover.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepwise.prover.store.Attempt;
import dev.stepwise.prover.store.PostgresTestServer;
import dev.stepwise.prover.store.ProblemStatus;
import dev.stepwise.prover.store.Run;
import dev.stepwise.prover.store.RunProblem;
import dev.stepwise.prover.store.RunStatus;
import dev.stepwise.prover.store.Store;
import dev.stepwise.prover.store.StoreLocation;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Joining a shared run on the real PostgreSQL server, through the real command tree: a worker
 * started before its run waits for it (saying so) instead of giving up, unless told to give up;
 * and a resumed shared run puts its problems that ended in error back in the queue for the
 * workers, without searching again what was already decided.
 */
@Tag("slow")
class SharedRunJoinTest {
    @TempDir
    Path dir;
    private StoreLocation.Postgres db;

    @BeforeEach
    void create() {
        db = PostgresTestServer.createDatabase();
    }

    @AfterEach
    void drop() {
        PostgresTestServer.drop(db);
    }

    private List<String> common() {
        Path world = dir.resolve("world.json");
        var generated = new CliHarness(dir).run("sim", "generate", "--from", "minif2f-test", "--limit", "6", "--seed", "7",
                "--out", world.toString(), "--provable", "0.5", "--timeout-rate", "0", "--crash-rate", "0", "--cheat-rate", "0",
                "--header-import", "10ms", "--model-latency", "2ms");
        assertEquals(0, generated.exitCode(), generated.err());
        return List.of("--dataset", "minif2f-test", "--limit", "6", "--simulate", world.toString(), "--budget", "1x4x30",
                "--seed", "11", "--workers", "1", "--set", "pool.size=1", "--set", "lean.sandbox=off");
    }

    @Test
    void aWorkerStartedBeforeItsRunWaitsForItAndThenSearchesIt() throws Exception {
        List<String> common = common();
        String url = db.toString();
        ExecutorService threads = Executors.newFixedThreadPool(2);
        StringWriter said = new StringWriter();
        CompletableFuture<CliHarness.Result> worker = CompletableFuture.supplyAsync(() -> new CliHarness(dir).runShowing(said,
                "--db", url, "worker", "--run", "early", "--give-up-after", "10m", "--set", "pool.size=1",
                "--set", "lean.sandbox=off"), threads);
        // The eval starts only once the worker has said what it waits for: the worker was there first.
        while (!said.toString().contains("waiting: run early to be created")) {
            if (worker.isDone()) {
                throw new AssertionError("the worker ended before its run existed: " + worker.join().err());
            }
            Thread.sleep(50);
        }
        assertTrue(said.toString().contains("no run 'early'") && said.toString().contains("giving up after 600 s"), said.toString());
        CliHarness.Result eval = new CliHarness(dir).run(args(url, common, "--shared", "--coordinate", "--name", "early"));
        CliHarness.Result joined = worker.get();
        threads.shutdown();
        assertEquals(0, joined.exitCode(), joined.err());
        assertTrue(joined.err().contains("this worker finished 6"), joined.err());
        assertEquals(eval.evalAnswer(), eval.exitCode(), eval.out() + eval.err());
        try (Store store = Store.open(db, Duration.ofSeconds(5), Map.of())) {
            assertEquals(RunStatus.COMPLETED, store.runs().findByName("early").orElseThrow().status());
        }
    }

    @Test
    void aWorkerGivesUpOnAMissingRunWhenToldTo() {
        String url = db.toString();
        CliHarness.Result now = new CliHarness(dir).run("--db", url, "worker", "--run", "absent", "--give-up-after", "0");
        assertEquals(2, now.exitCode(), now.err());
        assertTrue(now.err().contains("no run 'absent'") && now.err().contains("eval ... --shared --name absent"), now.err());
        assertFalse(now.err().contains("waiting:"), now.err());

        CliHarness.Result later = new CliHarness(dir).run("--db", url, "worker", "--run", "absent", "--give-up-after", "1s");
        assertEquals(2, later.exitCode(), later.err());
        assertTrue(later.err().contains("waiting: run absent to be created") && later.err().contains("after waiting"), later.err());

        CliHarness.Result bad = new CliHarness(dir).run("--db", url, "worker", "--run", "absent", "--give-up-after", "soon");
        assertEquals(2, bad.exitCode(), bad.err());
        assertTrue(bad.err().contains("--give-up-after"), bad.err());
    }

    @Test
    void aResumedSharedRunHandsItsErrorsToTheWorkersAndRedoesNothingElse() throws Exception {
        List<String> common = common();
        String url = db.toString();
        CliHarness.Result first = new CliHarness(dir).run(args(url, common, "--shared", "--name", "again"));
        assertEquals(first.evalAnswer(), first.exitCode(), first.out() + first.err());
        Map<String, String> before;
        Map<String, List<Long>> attemptIds;
        List<String> faulted;
        try (Store store = Store.open(db, Duration.ofSeconds(5), Map.of())) {
            Run run = store.runs().findByName("again").orElseThrow();
            before = verdicts(store, run);
            attemptIds = attemptIds(store, run);
            // One proved and one unproved problem end in error, as a search cut short by Lean's faults leaves them.
            List<RunProblem> problems = store.problems().list(run.id());
            faulted = List.of(
                    problems.stream().filter(p -> p.status() == ProblemStatus.PROVED).findFirst().orElseThrow().problem().name(),
                    problems.stream().filter(p -> p.status() == ProblemStatus.UNPROVED).findFirst().orElseThrow().problem().name());
            for (String name : faulted) {
                store.problems().fail(run.id(), name, "lean faults: Lean did not answer (SIMULATED by the test)", Instant.now());
            }
        }

        ExecutorService threads = Executors.newFixedThreadPool(2);
        CompletableFuture<CliHarness.Result> resumed = CompletableFuture.supplyAsync(
                () -> new CliHarness(dir).run(args(url, common, "--shared", "--coordinate", "--name", "again")), threads);
        // The worker joins once the resume has put the errors back in the queue (before, it would find nothing left).
        try (Store store = Store.open(db, Duration.ofSeconds(5), Map.of())) {
            Run run = store.runs().findByName("again").orElseThrow();
            while (store.queue().unfinished(run.id()) == 0) {
                if (resumed.isDone()) {
                    throw new AssertionError("the resume ended with nothing queued: " + resumed.join().err());
                }
                Thread.sleep(50);
            }
        }
        CliHarness.Result worker = new CliHarness(dir).run("--db", url, "worker", "--run", "again", "--set", "pool.size=1",
                "--set", "lean.sandbox=off");
        CliHarness.Result coordinator = resumed.get();
        threads.shutdown();
        assertEquals(0, worker.exitCode(), worker.err());
        assertEquals(first.exitCode(), coordinator.exitCode(), coordinator.out() + coordinator.err());
        try (Store store = Store.open(db, Duration.ofSeconds(5), Map.of())) {
            Run run = store.runs().findByName("again").orElseThrow();
            assertEquals(RunStatus.COMPLETED, run.status());
            // The errors were searched again, by the worker alone (the coordinator searches nothing), to the same verdicts.
            assertTrue(worker.err().contains("this worker finished 2"), worker.err() + coordinator.err());
            assertEquals(before, verdicts(store, run));
            Map<String, List<Long>> after = attemptIds(store, run);
            for (String name : before.keySet()) {
                if (faulted.contains(name)) {
                    assertFalse(after.get(name).stream().anyMatch(attemptIds.get(name)::contains), name + " searched again");
                } else {
                    assertEquals(attemptIds.get(name), after.get(name), name + " was decided before and is not searched again");
                }
            }
        }
    }

    @Test
    void aWholeProofRunIsSharedAsAStepRunIs() throws Exception {
        List<String> common = new ArrayList<>(common());
        // One request of 8 proofs per attempt: what the seed decides, whichever process sends it.
        common.addAll(List.of("--whole-proof", "8", "--set", "model.whole-proof-template=goedel-prover-v2",
                "--set", "search.sample-batch=8"));
        String url = db.toString();
        CliHarness.Result solo = new CliHarness(dir).run(args(url, common, "--name", "solo"));
        assertEquals(solo.evalAnswer(), solo.exitCode(), solo.out() + solo.err());

        ExecutorService threads = Executors.newFixedThreadPool(2);
        CompletableFuture<CliHarness.Result> coordinator = CompletableFuture.supplyAsync(
                () -> new CliHarness(dir).run(args(url, common, "--shared", "--coordinate", "--name", "whole")), threads);
        CliHarness.Result worker = new CliHarness(dir).run("--db", url, "worker", "--run", "whole", "--give-up-after", "5m",
                "--set", "pool.size=1", "--set", "lean.sandbox=off");
        CliHarness.Result shared = coordinator.get();
        threads.shutdown();
        assertEquals(0, worker.exitCode(), worker.err());
        assertTrue(worker.err().contains("this worker finished 6"), worker.err());
        assertEquals(solo.exitCode(), shared.exitCode(), shared.out() + shared.err());
        try (Store store = Store.open(db, Duration.ofSeconds(5), Map.of())) {
            Run one = store.runs().findByName("solo").orElseThrow();
            Run many = store.runs().findByName("whole").orElseThrow();
            assertEquals(RunStatus.COMPLETED, many.status());
            Map<String, String> expected = wholeProofs(store, one);
            assertTrue(expected.values().stream().anyMatch(v -> v.startsWith("proved")), expected.toString());
            assertEquals(expected, wholeProofs(store, many));
        }
    }

    /** Each problem's status with its attempts' mode, seed and proof: a whole-proof run's verdicts. */
    private static Map<String, String> wholeProofs(Store store, Run run) {
        Map<String, String> out = new TreeMap<>();
        for (RunProblem p : store.problems().list(run.id())) {
            StringBuilder line = new StringBuilder(p.status().code());
            for (Attempt a : store.attempts().forProblem(run.id(), p.problem().name())) {
                line.append(" | ").append(a.index()).append(' ').append(a.mode()).append(' ').append(a.seed()).append(' ')
                        .append(a.proof().map(pr -> String.join("; ", pr.tactics())).orElse("-"));
            }
            out.put(p.problem().name(), line.toString());
        }
        return out;
    }

    private static String[] args(String url, List<String> common, String... more) {
        List<String> all = new ArrayList<>(List.of("--db", url, "eval"));
        all.addAll(common);
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    /** Each problem's status with its attempts' seeds, sizes and proofs: what the seed decides. */
    private static Map<String, String> verdicts(Store store, Run run) {
        Map<String, String> out = new TreeMap<>();
        for (RunProblem p : store.problems().list(run.id())) {
            StringBuilder line = new StringBuilder(p.status().code());
            for (Attempt a : store.attempts().forProblem(run.id(), p.problem().name())) {
                line.append(" | ").append(a.index()).append(' ').append(a.seed()).append(' ').append(a.counts().expansions())
                        .append(' ').append(a.proof().map(pr -> String.join("; ", pr.tactics())).orElse("-"));
            }
            out.put(p.problem().name(), line.toString());
        }
        return out;
    }

    private static Map<String, List<Long>> attemptIds(Store store, Run run) {
        return store.problems().list(run.id()).stream().collect(Collectors.toMap(p -> p.problem().name(),
                p -> store.attempts().forProblem(run.id(), p.problem().name()).stream().map(Attempt::id).toList()));
    }
}
