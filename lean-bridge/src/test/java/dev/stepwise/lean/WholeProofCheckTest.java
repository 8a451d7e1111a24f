package dev.stepwise.lean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** When a step needs the whole-proof check, and what makes an elaborated theorem fail it. */
class WholeProofCheckTest {
    private final ReplCodec codec = new ReplCodec();

    @Test
    void onlyAStatuslessErrorFreeResultWithoutGoalsNeedsIt() {
        // leanprover-community/repl v4.9.0 test/proof_step.expected.out: the finished proof
        var finished = assertInstanceOf(ReplResponse.TacticResult.class, codec.decodeResponse("{\"proofState\": 3, \"goals\": []}"));
        assertInstanceOf(ProofStatus.NotReported.class, finished.proofStatus());
        assertTrue(WholeProofCheck.applies(finished));
        var open = assertInstanceOf(ReplResponse.TacticResult.class,
                codec.decodeResponse("{\"proofState\": 2, \"goals\": [\"t : Nat\\n⊢ Nat\"]}"));
        assertFalse(WholeProofCheck.applies(open));
        var failed = assertInstanceOf(ReplResponse.TacticResult.class, codec.decodeResponse(
                "{\"proofState\": 4, \"messages\": [{\"severity\": \"error\", \"pos\": {\"line\": 0, \"column\": 0},"
                        + " \"endPos\": {\"line\": 0, \"column\": 0}, \"data\": \"type mismatch\"}], \"goals\": []}"));
        assertFalse(WholeProofCheck.applies(failed));
        var completed = assertInstanceOf(ReplResponse.TacticResult.class,
                codec.decodeResponse("{\"proofStatus\": \"Completed\", \"proofState\": 3, \"goals\": []}"));
        assertFalse(WholeProofCheck.applies(completed));
    }

    @Test
    void aTheoremFailsOnAnErrorASorryEntryOrASorryWarningInEitherSpelling() {
        assertEquals(Optional.empty(), WholeProofCheck.failure(new ReplResponse.CommandResult(5)));
        for (String warning : List.of("declaration uses 'sorry'", "declaration uses `sorry`")) {
            var warned = new ReplResponse.CommandResult(5, List.of(new Message(Severity.WARNING, warning, null, null)),
                    List.of(), null, null);
            assertEquals(Optional.of(warning), WholeProofCheck.failure(warned));
        }
        var error = new ReplResponse.CommandResult(5, List.of(new Message(Severity.ERROR, "unsolved goals\n⊢ False", null,
                null), new Message(Severity.INFO, "Try this: simp", null, null)), List.of(), null, null);
        assertEquals(Optional.of("unsolved goals\n⊢ False"), WholeProofCheck.failure(error));
        var sorry = new ReplResponse.CommandResult(5, List.of(), List.of(new Sorry("⊢ False", 3, null, null)), null, null);
        assertEquals(Optional.of("it contains sorry"), WholeProofCheck.failure(sorry));
        assertEquals(Optional.of("the REPL refused it: Unknown environment."),
                WholeProofCheck.failure(new ReplResponse.ErrorMessage("Unknown environment.")));
    }

    @Test
    void theTacticPathIsLaidOutUnderTheStatement() {
        assertEquals("theorem t : 1 = 1 := by\n  have h : True := by\n    trivial\n  rfl",
                WholeProofCheck.theoremText("theorem t : 1 = 1 := by\n", List.of("have h : True := by\n  trivial", "rfl")));
    }
}
