package dev.stepwise.lean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gate's decisions against a toy REPL that reports errors, sorry warnings and axioms on cue. */
class AcceptanceGateTest {
    private static final String HEADER = "import Lean";
    private static final String STATEMENT = "theorem t (n : Nat) : n + 0 = n := by";
    private static final List<String> STANDARD = List.of("propext", "Classical.choice", "Quot.sound");

    @TempDir
    static Path dir;

    private static ReplPool pool;
    private static AcceptanceGate gate;

    @BeforeAll
    static void startPool() {
        var config = ReplPoolConfig.defaults(1, ToyRepl.config(dir), List.of(HEADER))
                .withTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(30));
        pool = ReplPool.start(config, new ReplCodec(), HostTools.fromEnvironment(), InstantSource.system());
        gate = new AcceptanceGate(pool, GatePolicy.standard(Duration.ofSeconds(10)));
    }

    @AfterAll
    static void closePool() {
        pool.close();
    }

    @Test
    void acceptsACleanProofAndListsItsAxioms() {
        GateVerdict v = gate.check(HEADER, "t", STATEMENT, STATEMENT + "\n  simp");
        assertEquals(new GateVerdict("t", GateDecision.ACCEPTED, List.of(), STANDARD), v);
    }

    @Test
    void rejectsEveryCheatWithEveryReason() {
        GateVerdict v = gate.check(HEADER, "t", STATEMENT, STATEMENT + "\n  sneaky\n  native_decide");
        assertEquals(GateDecision.REJECTED, v.decision());
        assertEquals(List.of("forbidden text in the proof: `native_decide`", "Lean warning: declaration uses 'sorry'",
                "depends on axiom sorryAx, which is not allowed"), v.reasons());
        assertEquals(List.of("propext", "sorryAx"), v.axioms());
    }

    @Test
    void rejectsAForeignAxiomReportedOverSeveralLines() {
        GateVerdict v = gate.check(HEADER, "t", STATEMENT, STATEMENT + "\n  trust_me");
        assertEquals(List.of("depends on axiom Lean.ofReduceBool, which is not allowed"), v.reasons());
        assertEquals(List.of("propext", "Classical.choice", "Lean.ofReduceBool", "Quot.sound"), v.axioms());
    }

    @Test
    void rejectsLeanErrors() {
        GateVerdict v = gate.check(HEADER, "t", STATEMENT, STATEMENT + "\n  oops");
        assertEquals(List.of("Lean error: unsolved goals\n⊢ False"), v.reasons());
    }

    @Test
    void rejectsAChangedStatementAndAddedCommands() {
        GateVerdict changed = gate.check(HEADER, "t", STATEMENT, "theorem t (n : Nat) : True := by\n  trivial");
        assertEquals("the statement was changed: the theorem does not begin with the reference statement",
                changed.reasons().get(0));
        assertEquals(GateDecision.REJECTED, changed.decision());
        GateVerdict added = gate.check(HEADER, "t", STATEMENT, STATEMENT + "\n  simp\naxiom cheat : False");
        assertEquals(List.of("forbidden text in the proof: `axiom`",
                "the proof adds a top-level command after the theorem: `axiom cheat : False`"), added.reasons());
    }

    @Test
    void statementComparisonIgnoresOnlyWhitespace() {
        assertEquals("\n  simp", AcceptanceGate.proofAfter(STATEMENT, "theorem t (n : Nat)\n    : n + 0 = n := by\n  simp"));
        assertNull(AcceptanceGate.proofAfter(STATEMENT, "theorem t (n : Nat) : n + 0 = n+1 := by simp"));
    }

    @Test
    void axiomMessagesAreParsedTolerantly() {
        assertEquals(Optional.of(List.of()), ReplCodec.printedAxioms("'t' does not depend on any axioms", "t"));
        assertEquals(Optional.of(STANDARD),
                ReplCodec.printedAxioms("'t' depends on axioms: [propext, Classical.choice, Quot.sound]\n", "t"));
        assertEquals(Optional.empty(), ReplCodec.printedAxioms("'u' depends on axioms: [propext]", "t"));
        assertEquals(Optional.empty(), ReplCodec.printedAxioms("t : n + 0 = n", "t"));
    }
}
