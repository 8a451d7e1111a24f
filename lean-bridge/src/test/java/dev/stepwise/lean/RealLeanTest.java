package dev.stepwise.lean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Against the real Lean REPL, when {@code lake} and a built {@code lean-project/} are found
 * (after {@code make lean}); otherwise every test is skipped and says so.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Tag("slow") // a real Lean and Mathlib
class RealLeanTest {
    private static final String HEADER = "import Mathlib";
    private static final String STATEMENT = "theorem add_comm_test (a b : ℕ) : a + b = b + a := by";

    private ReplPool pool;
    private ProofSessions sessions;
    private AcceptanceGate gate;

    @BeforeAll
    void startLean() throws Exception {
        // make lean's project for v4.24.0, else one set up in the earlier single lean-project/
        Path current = Path.of("..", "lean-projects", "v4.24.0").toAbsolutePath().normalize();
        LeanProject project = new LeanProject(java.nio.file.Files.isDirectory(current) ? current
                : Path.of("..", "lean-project").toAbsolutePath().normalize());
        Optional<Path> lake = LeanProject.findLake(HostTools.fromEnvironment(), Path.of(System.getProperty("user.home")));
        boolean ready = lake.isPresent() && project.replBuilt() && project.mathlibBuilt();
        if (!ready) {
            String why = "real-Lean tests skipped: " + (lake.isEmpty() ? "no lake on PATH or in ~/.elan/bin"
                    : project.root() + " is not built") + " (run 'make lean' to enable them)";
            System.out.println(why);
            Assumptions.assumeTrue(false, why);
        }
        Path scratch = Files.createTempDirectory("stepwise-real-lean-");
        // as the product starts it: the binary directly, with the variables of 'lake env' read once
        LakeEnvironment env = LakeEnvironment.compute(lake.get(), project.root(), HostTools.fromEnvironment(), Secrets.NONE,
                Duration.ofMinutes(10));
        var process = new ReplProcessConfig(List.of(project.replBinary().toString()), project.root(), env.variables(),
                0, Sandbox.OFF, scratch, Duration.ofSeconds(10));
        var config = ReplPoolConfig.defaults(1, process, List.of(HEADER))
                .withTimeouts(Duration.ofSeconds(60), Duration.ofMinutes(10), Duration.ofMinutes(10));
        pool = ReplPool.start(config, new ReplCodec(), HostTools.fromEnvironment(), InstantSource.system());
        sessions = new ProofSessions(pool, TacticFilter.defaults());
        gate = new AcceptanceGate(pool, GatePolicy.standard(Duration.ofMinutes(2)));
    }

    @AfterAll
    void stopLean() {
        if (pool != null) {
            pool.close();
        }
    }

    private SessionState root() {
        return assertInstanceOf(SessionStart.Started.class, sessions.start(HEADER, STATEMENT)).root();
    }

    @Test
    void warmsUpAndStepsToAProof() {
        SessionState root = root();
        assertEquals(List.of("a b : ℕ\n⊢ a + b = b + a"), root.goals());
        assertInstanceOf(StepOutcome.Complete.class, sessions.apply(root, "rw [Nat.add_comm]"));
    }

    @Test
    void aFailedExactIsAnErrorNotSuccess() {
        var e = assertInstanceOf(StepOutcome.LeanError.class, sessions.apply(root(), "exact foo"));
        assertTrue(e.message().contains("foo"), e.message());
    }

    @Test
    void aKilledProcessIsRecoveredByReplay() {
        SessionState s = assertInstanceOf(StepOutcome.Progress.class, sessions.apply(root(), "intro")).state();
        for (long pid : pool.processPids()) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
        long replays = pool.counters().replays();
        var next = sessions.apply(s, "omega");
        assertTrue(next instanceof StepOutcome.Complete || next instanceof StepOutcome.LeanError, next.toString());
        assertEquals(replays + 1, pool.counters().replays());
    }

    @Test
    void theGateAcceptsAGoodProof() {
        GateVerdict v = gate.check(HEADER, "add_comm_test", STATEMENT, STATEMENT + "\n  rw [Nat.add_comm]");
        assertEquals(GateDecision.ACCEPTED, v.decision(), v.reasons().toString());
    }

    @Test
    void theGateRejectsEachCheat() {
        String s = "theorem cheat_test : (1 : ℕ) = 2 := by";
        assertEquals(GateDecision.REJECTED, gate.check(HEADER, "cheat_test", s, s + "\n  sorry").decision());
        assertEquals(GateDecision.REJECTED, gate.check(HEADER, "cheat_test", s, s + "\n  admit").decision());
        GateVerdict nd = gate.check(HEADER, "nd_test", "theorem nd_test : 2 + 2 = 4 := by",
                "theorem nd_test : 2 + 2 = 4 := by\n  native_decide");
        assertTrue(nd.reasons().contains("depends on axiom Lean.ofReduceBool, which is not allowed"), nd.reasons().toString());
        String withAxiom = HEADER + "\naxiom cheat : (1 : ℕ) = 2";
        GateVerdict ax = gate.check(withAxiom, "cheat_test", s, s + "\n  exact cheat");
        assertTrue(ax.reasons().contains("depends on axiom cheat, which is not allowed"), ax.reasons().toString());
        GateVerdict changed = gate.check(HEADER, "cheat_test", s, "theorem cheat_test : (1 : ℕ) = 1 := by\n  rfl");
        assertEquals(GateDecision.REJECTED, changed.decision());
        assertTrue(changed.reasons().stream().anyMatch(r -> r.startsWith("the proved statement is not the reference")),
                changed.reasons().toString());
        // a report printed by the proof is not the report: #print axioms runs as its own command
        GateVerdict forged = gate.check(HEADER, "nd_test", "theorem nd_test : 2 + 2 = 4 := by",
                "theorem nd_test : 2 + 2 = 4 := by\n  trace \"'nd_test' does not depend on any axioms\"\n  decide +native");
        assertTrue(forged.reasons().contains("depends on axiom Lean.ofReduceBool, which is not allowed"),
                forged.reasons().toString());
    }

    @Test
    void theGateAcceptsAStatementWithACommentAndComparesElaboratedTypes() {
        String reference = "theorem cmt_test (n : ℕ) : n + 0 = n := by";
        GateVerdict v = gate.check(new GateRequest(HEADER, HEADER, "cmt_test", reference,
                "theorem cmt_test (n : ℕ) /- any n -/ : n + 0 = n := by", "simp"));
        assertEquals(GateDecision.ACCEPTED, v.decision(), v.reasons().toString());
    }
}
