package dev.stepwise.prover.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepwise.prover.cli.CliHarness;
import dev.stepwise.prover.store.Attempt;
import dev.stepwise.prover.store.PostgresTestServer;
import dev.stepwise.prover.store.RunId;
import dev.stepwise.prover.store.RunProblem;
import dev.stepwise.prover.store.Samples;
import dev.stepwise.prover.store.Store;
import dev.stepwise.prover.store.StoreLocation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Worker processes sharing one run through the real PostgreSQL server: any number of them give the
 * results one gives, a worker killed with SIGKILL loses and duplicates nothing, and a server
 * restart in the middle is waited out. The work on each problem is SharedRunWorkerProcess's fixed
 * pause and verdict: this tests the queue, the leases and the fence, not the search.
 */
@Tag("slow") // worker JVMs
class SharedRunProcessesTest {
    private static final int PROBLEMS = 24;

    @TempDir
    Path dir;
    private StoreLocation.Postgres db;
    private final List<Process> started = new ArrayList<>();

    @BeforeEach
    void create() {
        db = PostgresTestServer.createDatabase();
    }

    @AfterEach
    void drop() throws InterruptedException {
        for (Process p : started) {
            p.destroyForcibly();
            p.waitFor(30, TimeUnit.SECONDS);
        }
        PostgresTestServer.drop(db);
    }

    private RunId newRun(String name) {
        try (Store store = Store.open(db, Duration.ofSeconds(5), Map.of())) {
            RunId run = store.runs().create(Samples.run(name)).id();
            store.problems().add(run, Samples.problems(PROBLEMS));
            return run;
        }
    }

    private Process worker(RunId run, String owner, long leaseMillis, long workMillis) throws IOException {
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dai.djl.offline=true", "-Dstepwise.home=" + CliHarness.repoRoot(), "-cp", System.getProperty("java.class.path"),
                SharedRunWorkerProcess.class.getName(), db.toString(), String.valueOf(run.value()), owner,
                String.valueOf(leaseMillis), String.valueOf(workMillis));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile())
                .redirectOutput(dir.resolve(owner + ".out").toFile()).redirectError(dir.resolve(owner + ".err").toFile()).start();
        started.add(p);
        return p;
    }

    private String log(String owner, String stream) throws IOException {
        Path f = dir.resolve(owner + "." + stream);
        return Files.exists(f) ? Files.readString(f) : "";
    }

    private void awaitExit(Process p, String owner) throws Exception {
        assertTrue(p.waitFor(180, TimeUnit.SECONDS), owner + " never finished: " + log(owner, "out") + log(owner, "err"));
        assertEquals(0, p.exitValue(), owner + ": " + log(owner, "out") + log(owner, "err"));
    }

    private void awaitWorking(String owner, int problems) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (log(owner, "out").lines().filter(l -> l.startsWith("working ")).count() < problems) {
            assertTrue(System.nanoTime() < deadline, owner + " never started working: " + log(owner, "err"));
            Thread.sleep(50);
        }
    }

    /** Each problem's verdict, and the number of attempts stored for it (one, unless a write was lost or doubled). */
    private Map<String, String> results(RunId run) {
        try (Store store = Store.open(db, Duration.ofSeconds(5), Map.of())) {
            Map<String, Long> attempts = store.attempts().forRun(run).stream()
                    .collect(Collectors.groupingBy(Attempt::problem, Collectors.counting()));
            Map<String, String> out = new TreeMap<>();
            for (RunProblem p : store.problems().list(run)) {
                out.put(p.problem().name(), p.status().code() + " x" + attempts.getOrDefault(p.problem().name(), 0L));
            }
            return out;
        }
    }

    private static Map<String, String> expected() {
        Map<String, String> out = new TreeMap<>();
        Samples.problems(PROBLEMS).forEach(p -> out.put(p.name(), SharedRunWorkerProcess.verdict(p.name()).code() + " x1"));
        return out;
    }

    @Test
    void twoAndFourWorkerProcessesGiveWhatOneGives() throws Exception {
        Map<Integer, Map<String, String>> byWorkers = new TreeMap<>();
        for (int k : new int[] {1, 2, 4}) {
            RunId run = newRun("k" + k);
            List<Process> workers = new ArrayList<>();
            for (int w = 0; w < k; w++) {
                workers.add(worker(run, "k" + k + "-w" + w, 10_000, 40));
            }
            for (int w = 0; w < k; w++) {
                awaitExit(workers.get(w), "k" + k + "-w" + w);
            }
            byWorkers.put(k, results(run));
        }
        assertEquals(expected(), byWorkers.get(1));
        assertEquals(byWorkers.get(1), byWorkers.get(2));
        assertEquals(byWorkers.get(1), byWorkers.get(4));
    }

    @Test
    void aWorkerKilledWithSigkillLosesAndDuplicatesNothing() throws Exception {
        RunId run = newRun("killed");
        Process victim = worker(run, "victim", 1_500, 300);
        awaitWorking("victim", 2);
        Process a = worker(run, "a", 1_500, 100);
        Process b = worker(run, "b", 1_500, 100);
        victim.destroyForcibly(); // SIGKILL: no chance to release its lease
        assertTrue(victim.waitFor(30, TimeUnit.SECONDS));
        awaitExit(a, "a");
        awaitExit(b, "b");
        assertEquals(expected(), results(run));
    }

    @Test
    void aPostgresRestartInTheMiddleOfARunIsWaitedOut() throws Exception {
        Assumptions.assumeTrue(Files.isDirectory(Path.of("/etc/postgresql")) && PostgresTestServer.adminUrl().contains("127.0.0.1"),
                "restarting needs the local PostgreSQL cluster (pg_ctlcluster)");
        RunId run = newRun("restart");
        Process a = worker(run, "a", 20_000, 250);
        Process b = worker(run, "b", 20_000, 250);
        awaitWorking("a", 2);
        String version = Files.list(Path.of("/etc/postgresql")).findFirst().orElseThrow().getFileName().toString();
        Process restart = new ProcessBuilder("pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "restart")
                .redirectErrorStream(true).start();
        assertTrue(restart.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, restart.exitValue(), new String(restart.getInputStream().readAllBytes()));
        awaitExit(a, "a");
        awaitExit(b, "b");
        assertEquals(expected(), results(run));
        String waited = log("a", "err") + log("b", "err");
        assertTrue(waited.contains("waiting for the database"), "no worker noticed the restart: " + waited);
    }
}
