package dev.stepwise.prover.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepwise.prover.store.Attempt;
import dev.stepwise.prover.store.PostgresDatabaseTestCase;
import dev.stepwise.prover.store.Run;
import dev.stepwise.prover.store.RunProblem;
import dev.stepwise.prover.store.RunStatus;
import dev.stepwise.prover.store.Store;
import dev.stepwise.prover.store.StoreLocation;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A shared run on the real PostgreSQL server, through the real command tree: {@code eval --shared
 * --coordinate} creates a simulated minif2f-test run and two {@code stepwise worker --run}
 * invocations (in this JVM, each with its own simulator, Lean pool and store connections) search
 * all of it, each problem once, with the same verdicts, attempts, search sizes and proofs as a
 * one-process eval of the same world, seeds and budget; so does an {@code eval --shared} that
 * searches its queue alone.
 */
@Tag("slow")
class SharedEvalWorkersTest extends PostgresDatabaseTestCase {
    private static final Pattern WORKER_DONE = Pattern.compile("this worker finished (\\d+)");

    @Test
    void twoWorkersAndTheEvalFinishARunAsOneEvalDoes() throws Exception {
        Path world = dir.resolve("world.json");
        var generated = new CliHarness(dir).run("sim", "generate", "--from", "minif2f-test", "--limit", "12", "--seed", "7",
                "--out", world.toString(), "--provable", "0.5", "--timeout-rate", "0", "--crash-rate", "0", "--cheat-rate", "0",
                "--header-import", "10ms", "--model-latency", "5ms");
        assertEquals(0, generated.exitCode(), generated.err());
        String url = db.toString();
        List<String> common = List.of("--dataset", "minif2f-test", "--limit", "12", "--simulate", world.toString(),
                "--budget", "1x4x30", "--seed", "11", "--workers", "1", "--set", "pool.size=1", "--set", "lean.sandbox=off");

        var solo = new CliHarness(dir).run(args(url, "eval", common, "--name", "solo"));
        assertEquals(solo.evalAnswer(), solo.exitCode(), solo.out() + solo.err());

        // Threads of its own: the common pool may have one thread on a small machine, and the eval would hold it.
        ExecutorService threads = Executors.newFixedThreadPool(3);
        CompletableFuture<CliHarness.Result> coordinator = CompletableFuture.supplyAsync(
                () -> new CliHarness(dir).run(args(url, "eval", common, "--shared", "--coordinate", "--name", "shared")), threads);
        awaitRun(db, "shared", coordinator);
        List<CompletableFuture<CliHarness.Result>> workers = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            workers.add(CompletableFuture.supplyAsync(() -> new CliHarness(dir).run("--db", url, "worker", "--run", "shared",
                    "--set", "pool.size=1", "--set", "lean.sandbox=off"), threads));
        }
        int byWorkers = 0;
        StringBuilder said = new StringBuilder();
        for (CompletableFuture<CliHarness.Result> w : workers) {
            CliHarness.Result r = w.get();
            assertEquals(0, r.exitCode(), r.out() + r.err());
            Matcher m = WORKER_DONE.matcher(r.err());
            assertTrue(m.find(), r.err());
            said.append(r.err());
            byWorkers += Integer.parseInt(m.group(1));
        }
        CliHarness.Result shared = coordinator.get();
        threads.shutdown();
        assertEquals(solo.exitCode(), shared.exitCode(), shared.out() + shared.err());
        assertEquals(12, byWorkers, "the workers searched every problem once: " + said + shared.err());
        // The eval that shares its run and searches in it too, alone, is the one-process eval as well.
        var alone = new CliHarness(dir).run(args(url, "eval", common, "--shared", "--name", "alone"));
        assertEquals(solo.exitCode(), alone.exitCode(), alone.out() + alone.err());

        try (Store store = Store.open(db, Duration.ofSeconds(5), Map.of())) {
            Run one = store.runs().findByName("solo").orElseThrow();
            Run many = store.runs().findByName("shared").orElseThrow();
            assertEquals(RunStatus.COMPLETED, many.status());
            Map<String, String> expected = verdicts(store, one);
            assertEquals(12, expected.size());
            assertTrue(expected.values().stream().anyMatch(v -> v.startsWith("proved")), expected.toString());
            assertEquals(expected, verdicts(store, many));
            assertEquals(expected, verdicts(store, store.runs().findByName("alone").orElseThrow()));
        }
        // The summary table of the shared run is the one-process run's.
        assertEquals(solo.out().lines().filter(l -> l.startsWith("| solved")).toList(),
                shared.out().lines().filter(l -> l.startsWith("| solved")).toList());
        assertTrue(shared.err().contains("12/12"), shared.err());
    }

    private static String[] args(String url, String command, List<String> common, String... more) {
        List<String> all = new ArrayList<>(List.of("--db", url, command));
        all.addAll(common);
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    /** Each problem's status with its attempts' outcomes, expansions and proofs: what the seed decides. */
    private static Map<String, String> verdicts(Store store, Run run) {
        Map<String, String> out = new TreeMap<>();
        for (RunProblem p : store.problems().list(run.id())) {
            StringBuilder line = new StringBuilder(p.status().code());
            for (Attempt a : store.attempts().forProblem(run.id(), p.problem().name())) {
                line.append(" | ").append(a.index()).append(' ').append(a.seed()).append(' ').append(a.counts().expansions())
                        .append(' ').append(a.proof().map(pr -> String.join("; ", pr.tactics())).orElse(a.failure().map(f -> f.reason().toString())
                                .orElse("?")));
            }
            out.put(p.problem().name(), line.toString());
        }
        return out;
    }

    /** Waits until the coordinator has created the run (after its Lean started), or has ended without it. */
    private static void awaitRun(StoreLocation.Postgres db, String name, CompletableFuture<CliHarness.Result> coordinator)
            throws InterruptedException {
        try (Store store = Store.open(db, Duration.ofSeconds(5), Map.of())) {
            while (store.runs().findByName(name).map(r -> store.problems().list(r.id()).isEmpty()).orElse(true)) {
                if (coordinator.isDone()) {
                    CliHarness.Result r = coordinator.join();
                    throw new AssertionError("the eval ended before run " + name + " existed: " + r.out() + r.err());
                }
                Thread.sleep(50);
            }
        }
    }
}
