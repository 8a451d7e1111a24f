package dev.stepwise.prover.lean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepwise.lean.AcceptanceGate;
import dev.stepwise.lean.GateDecision;
import dev.stepwise.lean.GatePolicy;
import dev.stepwise.lean.GateVerdict;
import dev.stepwise.lean.HostTools;
import dev.stepwise.lean.ProofSessions;
import dev.stepwise.lean.ReplCodec;
import dev.stepwise.lean.ReplPool;
import dev.stepwise.lean.ReplPoolConfig;
import dev.stepwise.lean.ReplProcessConfig;
import dev.stepwise.lean.ReplStartException;
import dev.stepwise.lean.ReplVersion;
import dev.stepwise.lean.SessionStart;
import dev.stepwise.lean.SessionState;
import dev.stepwise.lean.StepOutcome;
import dev.stepwise.lean.TacticFilter;
import dev.stepwise.prover.sim.SimulatedStack;
import dev.stepwise.prover.sim.TinyWorld;
import dev.stepwise.prover.sim.model.ModelDialect;
import dev.stepwise.prover.sim.repl.ReplDialect;
import dev.stepwise.prover.sim.world.WorldFile;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The bridge (proof sessions and the acceptance gate) against the simulated REPL acting as each
 * REPL version the README claims: a proof completes, a failing {@code exact} that leaves
 * {@code goals: []} does not, a step the REPL leaves without goals completes only when the whole
 * proof elaborates (versions without {@code proofStatus}), and sorry is rejected in the
 * spelling of that version.
 */
class ReplVersionsTest {
    private static final String HAVE = "have h₁ : 0 ≤ x ^ 2 := by positivity";
    private static final String FINISH = "nlinarith [h₁, h₀]";
    /** Tactic mode closes the goal; the whole theorem then fails to elaborate (it proves another statement). */
    private static final String WRONG_STATEMENT = "simp_all [show False from by assumption]";

    @TempDir
    Path dir;

    private SimulatedStack stack;
    private ReplPool pool;

    @AfterEach
    void close() {
        if (pool != null) {
            pool.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    private ReplPool pool(ReplDialect dialect, Duration warmup) {
        Path file = dir.resolve("world.json");
        new WorldFile().write(TinyWorld.world(), file);
        stack = SimulatedStack.start(file, ModelDialect.VLLM);
        var config = ReplPoolConfig.defaults(1, ReplProcessConfig.of(stack.replCommand(dialect), dir),
                        List.of(TinyWorld.HEADER))
                .withTimeouts(Duration.ofSeconds(20), warmup, Duration.ofSeconds(60));
        pool = ReplPool.start(config, new ReplCodec(), HostTools.fromEnvironment(), InstantSource.system());
        return pool;
    }

    @ParameterizedTest
    @CsvSource({"v4.9.0, true", "v4.19.0, false", "v4.24.0, false", "v4.28.0, false", "v4.33.0-rc2, false"})
    void theBridgeProvesAndRefusesAlikeOnEveryClaimedVersion(String version, boolean flushFix) {
        ReplVersion v = ReplVersion.parse(version);
        ReplPool p = pool(new ReplDialect(v, flushFix), Duration.ofSeconds(30));
        ProofSessions sessions = new ProofSessions(p, TacticFilter.defaults());
        SessionState root = assertInstanceOf(SessionStart.Started.class,
                sessions.start(TinyWorld.HEADER, TinyWorld.STATEMENT)).root();

        SessionState s1 = assertInstanceOf(StepOutcome.Progress.class, sessions.apply(root, HAVE)).state();
        assertInstanceOf(StepOutcome.Complete.class, sessions.apply(s1, FINISH));
        assertInstanceOf(StepOutcome.Complete.class, sessions.apply(root, "positivity"));

        var exact = assertInstanceOf(StepOutcome.LeanError.class, sessions.apply(root, "exact h₀"));
        assertTrue(exact.message().contains("Type mismatch"), exact.message());

        StepOutcome wrong = sessions.apply(root, WRONG_STATEMENT);
        if (v.reportsProofStatus()) {
            // tactic mode says Completed; only the gate sees that the theorem is not proved
            assertInstanceOf(StepOutcome.Complete.class, wrong);
        } else {
            var e = assertInstanceOf(StepOutcome.LeanError.class, wrong);
            assertTrue(e.message().startsWith("no goals remain but the whole proof does not elaborate: "
                    + "(kernel) declaration type mismatch"), e.message());
        }

        AcceptanceGate gate = new AcceptanceGate(p, GatePolicy.standard(Duration.ofSeconds(20)));
        GateVerdict proved = gate.check(TinyWorld.HEADER, "tiny", TinyWorld.STATEMENT,
                TinyWorld.STATEMENT + "\n  " + HAVE + "\n  " + FINISH);
        assertEquals(GateDecision.ACCEPTED, proved.decision(), proved.reasons().toString());
        GateVerdict sorry = gate.check(TinyWorld.HEADER, "tiny", TinyWorld.STATEMENT,
                TinyWorld.STATEMENT + "\n  " + HAVE + "\n  sorry");
        assertEquals(GateDecision.REJECTED, sorry.decision());
        assertTrue(sorry.reasons().contains("Lean warning: " + v.sorryWarning()), sorry.reasons().toString());
        GateVerdict wrongProof = gate.check(TinyWorld.HEADER, "tiny", TinyWorld.STATEMENT,
                TinyWorld.STATEMENT + "\n  " + WRONG_STATEMENT);
        assertEquals(GateDecision.REJECTED, wrongProof.decision());
    }

    @Test
    void aReplBeforeV4_10_0WithoutTheFlushFixNeverAnswersThePool() {
        ReplDialect unpatched = new ReplDialect(ReplVersion.parse("v4.9.0"), false);
        // its answers wait in the block buffer: the first header import is never read
        ReplStartException e = assertThrows(ReplStartException.class, () -> pool(unpatched, Duration.ofSeconds(3)));
        assertTrue(e.getMessage().endsWith("did not answer within 3000 ms and was killed"), e.getMessage());
    }
}
