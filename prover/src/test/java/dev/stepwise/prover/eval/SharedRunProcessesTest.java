package dev.stepwise.prover.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepwise.prover.cli.CliHarness;
import dev.stepwise.prover.sim.StepwiseJvm;
import dev.stepwise.prover.store.Attempt;
import dev.stepwise.prover.store.PostgresTestServer;
import dev.stepwise.prover.store.Run;
import dev.stepwise.prover.store.RunProblem;
import dev.stepwise.prover.store.Store;
import dev.stepwise.prover.store.StoreLocation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code stepwise worker} processes (JVMs of their own, each with its own simulator and Lean
 * processes, as users start them) sharing SIMULATED minif2f-test runs through the real PostgreSQL
 * server, each run created by an {@code eval --shared --coordinate} in this JVM: two and four
 * workers give every problem the verdict, attempts and search a one-process eval gives it; workers
 * killed with SIGKILL at seeded random moments lose and duplicate nothing; a server restart in the
 * middle is waited out; a worker frozen past its lease (SIGSTOP) and thawed has its late write
 * refused while the newer holder's result stands.
 */
@Tag("slow") // worker JVMs, a server restart
class SharedRunProcessesTest {
    private static final int PROBLEMS = 10;
    /** Short, so a dead or frozen worker's problems are taken again within the test. */
    private static final String LEASE = "2s";

    @TempDir
    static Path dir;
    private static StoreLocation.Postgres db;
    private static Path world;
    private static Map<String, String> solo;
    private static final ExecutorService THREADS = Executors.newCachedThreadPool();

    private final List<Process> started = new ArrayList<>();

    @BeforeAll
    static void oneProcessRun() {
        db = PostgresTestServer.createDatabase();
        world = dir.resolve("world.json");
        var generated = new CliHarness(dir).run("sim", "generate", "--from", "minif2f-test", "--limit", String.valueOf(PROBLEMS),
                "--seed", "15", "--out", world.toString(), "--provable", "0.5", "--timeout-rate", "0", "--crash-rate", "0",
                "--cheat-rate", "0", "--header-import", "10ms", "--model-latency", "40ms", "--tactic-time", "2ms..6ms");
        assertEquals(0, generated.exitCode(), generated.err());
        var one = new CliHarness(dir).run(eval("solo"));
        assertEquals(one.evalAnswer(), one.exitCode(), one.out() + one.err());
        solo = results("solo");
        assertTrue(solo.values().stream().anyMatch(v -> v.startsWith("proved")), solo.toString());
        assertTrue(solo.values().stream().anyMatch(v -> v.startsWith("unproved")), solo.toString());
    }

    @AfterAll
    static void drop() {
        THREADS.shutdownNow();
        PostgresTestServer.drop(db);
    }

    @AfterEach
    void stopWorkers() throws InterruptedException {
        for (Process p : started) {
            p.destroyForcibly();
            p.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private static String[] eval(String name, String... more) {
        List<String> all = new ArrayList<>(List.of("--db", db.toString(), "eval", "--dataset", "minif2f-test", "--limit",
                String.valueOf(PROBLEMS), "--simulate", world.toString(), "--budget", "1x4x24", "--seed", "11", "--workers", "2",
                "--set", "pool.size=1", "--set", "lean.sandbox=off", "--name", name));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    /** The eval that creates a shared run and follows it, searching nothing; returns once the run exists. */
    private static CompletableFuture<CliHarness.Result> coordinate(String name) throws InterruptedException {
        CompletableFuture<CliHarness.Result> c = CompletableFuture.supplyAsync(
                () -> new CliHarness(dir).run(eval(name, "--shared", "--coordinate")), THREADS);
        try (Store store = Store.open(db, Duration.ofSeconds(5), Map.of())) {
            while (store.runs().findByName(name).map(r -> store.problems().list(r.id()).isEmpty()).orElse(true)) {
                if (c.isDone()) {
                    throw new AssertionError("the eval ended before run " + name + " existed: " + c.join().out() + c.join().err());
                }
                Thread.sleep(50);
            }
        }
        return c;
    }

    /** A {@code stepwise worker} JVM on run {@code name}, two problems at a time; its stderr goes to OWNER.err. */
    private Process worker(String name, String owner) throws IOException {
        List<String> cmd = new ArrayList<>(StepwiseJvm.command(List.of("--db", db.toString(), "worker", "--run", name,
                "--workers", "2", "--set", "pool.size=1", "--set", "lean.sandbox=off", "--set", "store.lease=" + LEASE)));
        cmd.add(1, "-Dstepwise.home=" + CliHarness.repoRoot());
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(dir.resolve(owner + ".err").toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("STEPWISE_"));
        Process p = pb.start();
        started.add(p);
        return p;
    }

    private static String log(String owner) throws IOException {
        Path f = dir.resolve(owner + ".err");
        return Files.exists(f) ? Files.readString(f) : "";
    }

    private static void awaitExit(Process p, String owner) throws Exception {
        assertTrue(p.waitFor(180, TimeUnit.SECONDS), owner + " never finished: " + log(owner));
        assertEquals(0, p.exitValue(), owner + ": " + log(owner));
    }

    /** Each problem's status with its attempts' seeds, expansions and proofs: what the seed decides, one line per attempt. */
    private static Map<String, String> results(String name) {
        try (Store store = Store.open(db, Duration.ofSeconds(5), Map.of())) {
            Run run = store.runs().findByName(name).orElseThrow();
            Map<String, String> out = new TreeMap<>();
            for (RunProblem p : store.problems().list(run.id())) {
                StringBuilder line = new StringBuilder(p.status().code());
                for (Attempt a : store.attempts().forProblem(run.id(), p.problem().name())) {
                    line.append(" | ").append(a.index()).append(' ').append(a.seed()).append(' ').append(a.counts().expansions())
                            .append(' ').append(a.proof().map(pr -> String.join("; ", pr.tactics()))
                                    .orElse(a.failure().map(f -> f.reason().toString()).orElse("?")));
                }
                out.put(p.problem().name(), line.toString());
            }
            return out;
        }
    }

    /** Problems of run {@code name} leased now by the worker process {@code p} (leases name host and process id). */
    private static List<String> leasedBy(String name, Process p) throws SQLException {
        try (Connection c = DriverManager.getConnection(db.jdbcUrl());
                PreparedStatement ps = c.prepareStatement("SELECT p.name FROM run_problems p JOIN runs r ON p.run_id = r.id "
                        + "WHERE r.name = ? AND p.status = 'running' AND p.lease_owner LIKE ?")) {
            ps.setString(1, name);
            ps.setString(2, "%-" + p.pid() + "%");
            List<String> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        }
    }

    private static void awaitLease(String name, Process p, String owner) throws Exception {
        awaitLeases(name, p, owner, 1);
    }

    private static void awaitLeases(String name, Process p, String owner, int leases) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (leasedBy(name, p).size() < leases) {
            assertTrue(p.isAlive() && System.nanoTime() < deadline, owner + " never claimed a problem: " + log(owner));
            Thread.sleep(20);
        }
    }

    private static long finished(String name) {
        try (Store store = Store.open(db, Duration.ofSeconds(5), Map.of())) {
            Run run = store.runs().findByName(name).orElseThrow();
            return store.problems().list(run.id()).stream().filter(p -> p.status().finished()).count();
        }
    }

    @Test
    void twoAndFourWorkerProcessesGiveWhatOneProcessGives() throws Exception {
        // Both runs at once: six worker JVMs, each searching two problems at a time.
        CompletableFuture<CliHarness.Result> two = coordinate("k2");
        CompletableFuture<CliHarness.Result> four = coordinate("k4");
        List<Process> workers = new ArrayList<>();
        for (int w = 0; w < 6; w++) {
            workers.add(worker(w < 2 ? "k2" : "k4", "w" + w));
        }
        for (int w = 0; w < 6; w++) {
            awaitExit(workers.get(w), "w" + w);
        }
        assertEquals(solo.size(), PROBLEMS);
        assertEquals(solo, results("k2"));
        assertEquals(solo, results("k4"));
        CliHarness.Result shown = four.get(60, TimeUnit.SECONDS);
        assertEquals(solo.values().stream().allMatch(v -> v.startsWith("proved")) ? 0 : 1, shown.exitCode(), shown.err());
        two.get(60, TimeUnit.SECONDS);
    }

    @Test
    void workersKilledWithSigkillAtRandomMomentsLoseAndDuplicateNothing() throws Exception {
        Random random = new Random(15); // the moments are drawn, but the same on every run of the test
        CompletableFuture<CliHarness.Result> coordinator = coordinate("killed");
        Process a = worker("killed", "a");
        Process b = worker("killed", "b");
        awaitLease("killed", a, "a");
        Thread.sleep(random.nextInt(1500));
        List<String> held = leasedBy("killed", a);
        a.destroyForcibly(); // SIGKILL: its leases stay until they expire
        assertTrue(a.waitFor(30, TimeUnit.SECONDS));
        Process c = worker("killed", "c");
        awaitLease("killed", b, "b");
        Thread.sleep(random.nextInt(1500));
        b.destroyForcibly();
        assertTrue(b.waitFor(30, TimeUnit.SECONDS));
        Process d = worker("killed", "d");
        awaitExit(c, "c");
        awaitExit(d, "d");
        coordinator.get(60, TimeUnit.SECONDS);
        // Every problem once, as one process finds it: one attempt each, the killed workers' half-done ones gone.
        assertEquals(solo, results("killed"), "a held " + held + " when it was killed");
    }

    @Test
    void aPostgresRestartInTheMiddleOfARunIsWaitedOut() throws Exception {
        Assumptions.assumeTrue(Files.isDirectory(Path.of("/etc/postgresql")) && PostgresTestServer.adminUrl().contains("127.0.0.1"),
                "restarting needs the local PostgreSQL cluster (pg_ctlcluster)");
        CompletableFuture<CliHarness.Result> coordinator = coordinate("restart");
        Process a = worker("restart", "a");
        Process b = worker("restart", "b");
        awaitLease("restart", a, "a");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (finished("restart") < 2) {
            assertTrue(System.nanoTime() < deadline, "no problem finished: " + log("a") + log("b"));
            Thread.sleep(20);
        }
        String version;
        try (var versions = Files.list(Path.of("/etc/postgresql"))) {
            version = versions.findFirst().orElseThrow().getFileName().toString();
        }
        // Other tests share this server: the outage is one restart, seconds long.
        Process restart = new ProcessBuilder("pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "restart")
                .redirectErrorStream(true).start();
        assertTrue(restart.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, restart.exitValue(), new String(restart.getInputStream().readAllBytes()));
        awaitExit(a, "a");
        awaitExit(b, "b");
        coordinator.get(120, TimeUnit.SECONDS);
        assertEquals(solo, results("restart"));
        String said = log("a") + log("b");
        assertTrue(said.contains("waiting for the database") || said.contains("heartbeat"), "no worker noticed the restart: " + said);
    }

    @Test
    void aWorkerFrozenPastItsLeaseHasItsLateWriteRefused() throws Exception {
        CompletableFuture<CliHarness.Result> coordinator = coordinate("stale");
        Process a = worker("stale", "a");
        // Both its loops searching, so it is frozen between writes (its claims are behind it)
        awaitLeases("stale", a, "a", 2);
        signal(a, "STOP"); // frozen with its leases: its heartbeat stops, as a host's that hangs
        List<String> held = leasedBy("stale", a);
        Process b = worker("stale", "b");
        awaitExit(b, "b"); // b takes a's problems once their leases run out, and finishes the run
        signal(a, "CONT");
        awaitExit(a, "a");
        coordinator.get(60, TimeUnit.SECONDS);
        assertTrue(log("a").contains("its write is refused"), "a held " + held + ": " + log("a"));
        assertTrue(log("a").contains("lease(s) lost, their results dropped"), log("a"));
        assertEquals(solo, results("stale"));
    }

    private static void signal(Process p, String signal) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(p.pid())).redirectErrorStream(true).start();
        assertTrue(kill.waitFor(10, TimeUnit.SECONDS));
        assertEquals(0, kill.exitValue(), new String(kill.getInputStream().readAllBytes()));
    }
}
