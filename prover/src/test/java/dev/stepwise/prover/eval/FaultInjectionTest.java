package dev.stepwise.prover.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stepwise.prover.cli.CliHarness;
import dev.stepwise.prover.sim.LeanThatStopsStarting;
import dev.stepwise.prover.sim.world.Faults;
import dev.stepwise.prover.sim.world.SimOutcome;
import dev.stepwise.prover.sim.world.SimState;
import dev.stepwise.prover.sim.world.SimTactic;
import dev.stepwise.prover.sim.world.World;
import dev.stepwise.prover.sim.world.WorldFile;
import dev.stepwise.prover.sim.world.WorldTheorem;
import dev.stepwise.prover.store.Store;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault injection: the same simulated world evaluated without faults and with REPL crashes,
 * hangs and garbage answers and model-server errors, stalls and malformed answers, all through
 * the production paths (a real REPL subprocess per slot, the model over HTTP). Faults may cost
 * time and make problems "failed" (retried on resume); they never turn into a final "unproved"
 * for a problem the fault-free run solves, and never into a wrong accept. After resuming, the
 * faulty run ends with exactly the fault-free run's answers.
 */
@Tag("slow") // evals run again and again under injected faults
class FaultInjectionTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PROBLEMS = 10;
    /** Resumes allowed before the test gives up: each only retries what faults cut short. */
    private static final int MAX_RESUMES = 8;

    @TempDir
    Path dir;

    private CliHarness.Result eval(Path work, Path world, String name) {
        // The tactic and gate deadlines are what turn a hung REPL into a timeout; the simulated
        // tactics take milliseconds. A command slowed past 1 s by a loaded machine is a timeout
        // like a hang: retried, and never a final answer either way.
        return new CliHarness(work).run("eval", "--dataset", "minif2f-test", "--limit", String.valueOf(PROBLEMS),
                "--simulate", world.toString(), "--budget", "1x8x60", "--name", name, "--set", "pool.size=2",
                "--set", "lean.tactic-timeout=1s", "--set", "lean.gate-timeout=1s", "--set", "lean.sandbox=off",
                "--set", "model.retry-backoff=10ms", "--set", "model.retry-backoff-max=50ms");
    }

    /** problem → its row of results.jsonl. */
    private static Map<String, JsonNode> rows(Path work, String name) throws IOException {
        Map<String, JsonNode> rows = new TreeMap<>();
        for (String line : Files.readAllLines(work.resolve(".stepwise/runs").resolve(name).resolve("results.jsonl"))) {
            JsonNode n = JSON.readTree(line);
            rows.put(n.get("problem").asText(), n);
        }
        return rows;
    }

    private static Map<String, String> outcomes(Map<String, JsonNode> rows) {
        Map<String, String> out = new TreeMap<>();
        rows.forEach((problem, row) -> out.put(problem, row.get("outcome").asText()));
        return out;
    }

    @Test
    void faultsNeverBecomeAFinalNoOrAWrongAcceptAndResumeReachesTheFaultFreeAnswers() throws IOException {
        Path world = dir.resolve("world.json");
        var generated = new CliHarness(dir).run("sim", "generate", "--from", "minif2f-test", "--limit",
                String.valueOf(PROBLEMS), "--seed", "11", "--out", world.toString(), "--provable", "0.6",
                "--timeout-rate", "0", "--crash-rate", "0", "--cheat-rate", "0.3", "--header-import", "20ms",
                "--model-latency", "2ms");
        assertEquals(0, generated.exitCode(), generated.err());
        WorldFile files = new WorldFile();
        World clean = files.read(world);
        Path faultyWorld = dir.resolve("faulty.json");
        // REPL: crash, hang, garbage per command; model: 429, 500, stall and a 200 cut short per
        // request (the client retries a cut answer like a 5xx, issue 17 item 7).
        files.write(clean.withFaults(new Faults(0.015, 0.01, 0.015, 0, 0.05, 0.1, 0.02, 0.03, Duration.ofMillis(300))),
                faultyWorld);

        Path reference = Files.createDirectories(dir.resolve("reference"));
        var fine = eval(reference, world, "reference");
        assertEquals(1, fine.exitCode(), fine.out() + fine.err()); // it has unproved problems (below)
        assertFalse(fine.leftToResume(), fine.out());
        Map<String, String> expected = outcomes(rows(reference, "reference"));
        assertTrue(expected.containsValue("proved") && expected.containsValue("unproved"), expected.toString());

        Path work = Files.createDirectories(dir.resolve("faulty"));
        var first = eval(work, faultyWorld, "faulty");
        assertTrue(first.exitCode() == 0 || first.exitCode() == 1, first.out() + first.err());
        // The faults really happened (else this test would show nothing).
        Matcher lean = Pattern.compile("; (\\d+) crash(?:es)?, (\\d+) timeouts?, ").matcher(first.err());
        assertTrue(lean.find(), first.err());
        assertTrue(Integer.parseInt(lean.group(1)) > 0, lean.group());
        Map<String, String> afterFaults = outcomes(rows(work, "faulty"));
        for (var e : afterFaults.entrySet()) {
            if (e.getValue().equals("unproved")) {
                assertEquals("unproved", expected.get(e.getKey()),
                        e.getKey() + " is unproved after faults but the fault-free run says " + expected.get(e.getKey())
                                + ": " + rows(work, "faulty").get(e.getKey()));
            }
        }
        assertNoWrongAccept(clean, rows(work, "faulty"));

        List<Integer> exits = new ArrayList<>(List.of(first.exitCode()));
        CliHarness.Result last = first;
        for (int resume = 0; resume < MAX_RESUMES && last.leftToResume(); resume++) {
            last = eval(work, faultyWorld, "faulty"); // the same command continues the run
            exits.add(last.exitCode());
            assertNoWrongAccept(clean, rows(work, "faulty"));
        }
        assertFalse(last.leftToResume(), "exit codes " + exits + "\n" + last.out() + last.err());
        assertEquals(1, last.exitCode(), "exit codes " + exits + "\n" + last.out() + last.err());
        assertEquals(expected, outcomes(rows(work, "faulty")), "exit codes " + exits);
    }

    @Test
    void anEvalWhoseLeanStopsStartingEndsWithExit3AndLeansReason() throws IOException {
        // Every theorem command crashes the REPL, and after the first process no other starts.
        LeanThatStopsStarting.Setup lean = LeanThatStopsStarting.in(dir, 3);
        Path world = lean.world();
        String repl = lean.replCommand();
        Path work = Files.createDirectories(dir.resolve("gone"));
        // Before, the pool retried starting forever and every search waited out its lease timeout.
        var r = assertTimeoutPreemptively(Duration.ofSeconds(120), () -> new CliHarness(work).run("eval", "--dataset",
                "minif2f-test", "--limit", "3", "--simulate", world.toString(), "--budget", "1x4x8", "--name", "gone",
                "--set", "pool.size=1", "--set", "lean.sandbox=off", "--set", "lean.repl-command=" + repl));
        assertEquals(3, r.exitCode(), r.out() + r.err());
        String last = r.err().strip().lines().reduce((a, b) -> b).orElse("");
        assertTrue(last.startsWith("stepwise: Lean stopped starting: repl-pool: no REPL process could be started in 4 "
                + "tries in a row and none is running; last failure: "), last);
        assertTrue(last.contains("error: unknown module prefix Mathlib"), last);
        assertTrue(last.contains("run gone is kept, and running the same command again continues it"), last);
        // Nothing became an answer: every problem waits for the run to continue.
        try (Store store = Store.open(work.resolve(".stepwise/stepwise.db"), Duration.ofSeconds(5))) {
            List<ProblemResult> results = StoredRun.find(store, "gone").orElseThrow().results();
            assertEquals(3, results.size());
            for (ProblemResult p : results) {
                assertEquals(ProblemResult.Outcome.FAILED, p.outcome(), p.toString());
            }
        }
    }

    /** Every accepted proof walks the world's graph from the root to a real completion: no cheat, no invented step. */
    private static void assertNoWrongAccept(World world, Map<String, JsonNode> rows) {
        for (JsonNode row : rows.values()) {
            if (!row.get("proved").asBoolean()) {
                continue;
            }
            WorldTheorem t = world.theorem(row.get("problem").asText()).orElseThrow();
            assertTrue(t.provable(), t.name() + " has no real proof, yet was accepted: " + row);
            SimState state = t.rootState();
            List<String> proof = new ArrayList<>();
            row.get("proof").forEach(n -> proof.add(n.asText()));
            for (int i = 0; i < proof.size(); i++) {
                SimTactic step = state.find(proof.get(i)).orElseThrow(() -> new AssertionError(t.name()
                        + ": accepted proof " + proof + " uses a tactic its state does not have"));
                boolean lastStep = i == proof.size() - 1;
                switch (step.outcome()) {
                    case SimOutcome.Next n when !lastStep -> state = t.state(n.state());
                    case SimOutcome.Complete c when lastStep -> {
                    }
                    default -> throw new AssertionError(t.name() + ": accepted proof " + proof + " has step '"
                            + proof.get(i) + "' with outcome " + step.outcome());
                }
            }
        }
    }
}
