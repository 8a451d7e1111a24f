package dev.stepwise.prover.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stepwise.prover.cli.CliHarness;
import dev.stepwise.prover.sim.world.Faults;
import dev.stepwise.prover.sim.world.World;
import dev.stepwise.prover.sim.world.WorldFile;
import dev.stepwise.prover.sim.world.WorldTheorem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Evaluations end to end through the simulator's production paths only: a real simulated REPL
 * process per Lean slot, and the simulated model server over HTTP.
 */
@Tag("slow") // evals killed and resumed at random moments
class EvalEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** One attempt per problem, so every result is a pure function of the seeds. */
    private static final String BUDGET = "1x8x60";

    @TempDir
    static Path dir;

    static Path world;

    @BeforeAll
    static void generateWorld() {
        world = dir.resolve("world.json");
        var r = new CliHarness(dir).run("sim", "generate", "--from", "minif2f-test", "--limit", "8", "--seed", "11",
                "--out", world.toString(), "--provable", "0.5", "--timeout-rate", "0", "--crash-rate", "0",
                "--cheat-rate", "0.3", "--header-import", "50ms", "--model-latency", "2ms");
        assertEquals(0, r.exitCode(), r.err());
    }

    private static CliHarness.Result eval(Path workDir) {
        return eval(workDir, BUDGET);
    }

    private static CliHarness.Result eval(Path workDir, String budget) {
        return new CliHarness(workDir).run("eval", "--dataset", "minif2f-test", "--limit", "8", "--simulate",
                world.toString(), "--budget", budget, "--set", "pool.size=2", "--set", "model.retries=0");
    }

    /** (problem, proved, proof) of every row of a run's results.jsonl, the part that must not depend on timing. */
    private static List<String> outcomes(Path runsDir) throws IOException {
        Path results;
        try (var runs = Files.list(runsDir)) {
            results = runs.findFirst().orElseThrow().resolve("results.jsonl");
        }
        List<String> rows = new ArrayList<>();
        for (String line : Files.readAllLines(results)) {
            JsonNode n = JSON.readTree(line);
            rows.add(n.get("problem").asText() + " " + n.get("proved").asBoolean() + " " + n.get("proof"));
        }
        return rows;
    }

    @Test
    void provesExactlyTheProvableProblemsAndNoCheat() throws IOException {
        Path work = Files.createDirectories(dir.resolve("clean"));
        var r = eval(work, "1x16x100");
        assertEquals(1, r.exitCode(), r.out() + r.err()); // half the world is unprovable: the answer is "no"
        assertTrue(r.out().contains("(**simulated**)"), r.out());
        Set<String> provable = new WorldFile().read(world).theorems().stream().filter(WorldTheorem::provable)
                .map(WorldTheorem::name).collect(Collectors.toCollection(TreeSet::new));
        Set<String> proved = new TreeSet<>();
        for (String row : outcomes(work.resolve(".stepwise/runs"))) {
            if (row.split(" ")[1].equals("true")) {
                proved.add(row.split(" ")[0]);
            }
        }
        assertEquals(provable, proved);
        // The gate's axiom audit reached the store with each proof, inside the search's proved outcome.
        try (var runs = Files.list(work.resolve(".stepwise/runs"))) {
            for (String line : Files.readAllLines(runs.findFirst().orElseThrow().resolve("results.jsonl"))) {
                JsonNode n = JSON.readTree(line);
                if (n.get("proved").asBoolean()) {
                    assertTrue(n.get("verdict").asText().matches("accepted by the gate; axioms: \\S.*"), line);
                }
            }
        }
        assertTrue(r.err().contains("SIMULATED"), "progress must say the run is simulated");
        // One progress line per finished problem: counts go 1..8, each outcome is the problem's own, solved counts add up.
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\] (\\d+)/8 (\\S+)\\s+(\\S+) .*\\| solved (\\d+)/(\\d+) ")
                .matcher(r.err());
        int done = 0;
        int solved = 0;
        while (m.find()) {
            done++;
            assertEquals(done, Integer.parseInt(m.group(1)), r.err());
            assertEquals(proved.contains(m.group(3)) ? "proved" : "unproved", m.group(2), m.group(3));
            solved += m.group(2).equals("proved") ? 1 : 0;
            assertEquals(solved, Integer.parseInt(m.group(4)), r.err());
            assertEquals(done, Integer.parseInt(m.group(5)));
        }
        assertEquals(8, done, r.err());
        assertEquals(proved.size(), solved);
        // The run ends saying how it used Lean: its processes (two, unless one was being recycled),
        // some share of the time, no trouble.
        java.util.regex.Matcher lean = java.util.regex.Pattern.compile("Lean: [12] process(?:es)? leased (\\d+)% of [0-9.]+ s "
                + "\\(([0-9,]+) leases?; [0-9,]+ states? rebuilt on another process; 0 crashes, 0 timeouts, 0 restarts\\)")
                .matcher(r.err());
        assertTrue(lean.find(), r.err());
        assertTrue(Integer.parseInt(lean.group(1)) > 0 && Integer.parseInt(lean.group(1)) <= 100, lean.group());
        assertTrue(Integer.parseInt(lean.group(2).replace(",", "")) >= 8, "at least a start per problem: " + lean.group());
    }

    @Test
    void aRunKilledAtRandomMomentsResumesToTheResultsOfAnUninterruptedRun() throws Exception {
        Path clean = Files.createDirectories(dir.resolve("uninterrupted"));
        assertEquals(1, eval(clean).exitCode());
        List<String> expected = outcomes(clean.resolve(".stepwise/runs"));

        Path killed = Files.createDirectories(dir.resolve("killed"));
        Random random = new Random(42);
        for (int kill = 0; kill < 3; kill++) {
            Process child = childEval(killed);
            Thread.sleep(1500 + random.nextInt(3000));
            child.descendants().forEach(ProcessHandle::destroyForcibly);
            child.destroyForcibly();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        }
        var finish = eval(killed);
        assertEquals(1, finish.exitCode(), finish.out() + finish.err());
        assertEquals(expected, outcomes(killed.resolve(".stepwise/runs")));
        var list = new CliHarness(killed).run("runs", "list");
        assertEquals(2, list.out().lines().count(), "the resumed run is one run: " + list.out());
    }

    @Test
    void problemsCutShortByAFailingModelServerAreRetriedOnResumeNotLost() throws Exception {
        Path work = Files.createDirectories(dir.resolve("flaky"));
        Path flakyWorld = work.resolve("world.json");
        WorldFile files = new WorldFile();
        World good = files.read(world);
        Faults f = good.faults();
        files.write(good.withFaults(new Faults(f.replCrash(), f.replHang(), f.replGarbage(), f.memoryPerCommandBytes(),
                f.model429(), 1.0, f.modelTimeout(), f.modelMalformed(), f.modelTimeoutDelay())), flakyWorld);
        String[] args = {"eval", "--dataset", "minif2f-test", "--limit", "8", "--simulate", flakyWorld.toString(),
            "--budget", BUDGET, "--set", "pool.size=2", "--set", "model.retries=0", "--name", "flaky"};
        var down = new CliHarness(work).run(args);
        assertEquals(1, down.exitCode(), down.out() + down.err());
        assertTrue(down.out().contains("continue with: stepwise eval --resume flaky"), down.out());
        assertTrue(down.out().contains("| failed (retried on resume) | 8 |"), down.out());

        files.write(good, flakyWorld);
        var up = new CliHarness(work).run(args);
        assertEquals(1, up.exitCode(), up.out() + up.err());
        assertFalse(up.leftToResume(), up.out());
        assertTrue(up.err().startsWith("resuming run flaky: 8 problem(s), 0 already done"), up.err());

        Path clean = Files.createDirectories(dir.resolve("reference"));
        assertEquals(1, eval(clean).exitCode());
        assertEquals(solved(outcomes(clean.resolve(".stepwise/runs"))), solved(outcomes(work.resolve(".stepwise/runs"))));

        var report = new CliHarness(work).run("report", "flaky", "--out", "report");
        assertEquals(0, report.exitCode(), report.err());
        try (var pages = Files.list(work.resolve("report/problems"))) {
            assertEquals(8, pages.count());
        }
        assertTrue(Files.readString(work.resolve("report/index.html")).contains("SIMULATED run"));
    }

    private static long solved(List<String> rows) {
        return rows.stream().filter(r -> r.split(" ")[1].equals("true")).count();
    }

    /** The same eval in a separate JVM, so it can be killed with SIGKILL. */
    private static Process childEval(Path workDir) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dai.djl.offline=true", "-Dstepwise.home=" + CliHarness.repoRoot(), "-cp",
                System.getProperty("java.class.path"), "dev.stepwise.prover.cli.Main",
                "eval", "--dataset", "minif2f-test", "--limit", "8", "--simulate", world.toString(), "--budget", BUDGET,
                "--set", "pool.size=2", "--set", "model.retries=0"));
        return new ProcessBuilder(cmd).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(workDir.resolve("child-" + System.nanoTime() + ".log").toFile()).start();
    }

}
