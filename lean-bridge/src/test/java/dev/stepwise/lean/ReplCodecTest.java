package dev.stepwise.lean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplCodecTest {
    private final ReplCodec codec = new ReplCodec();

    @Test
    void bothSpellingsOfTheSorryWarningAreRecognised() {
        assertTrue(ReplCodec.isSorryWarning("declaration uses `sorry`"));
        assertTrue(ReplCodec.isSorryWarning("declaration uses 'sorry'"));
        assertFalse(ReplCodec.isSorryWarning("declaration uses sorry"));
        String old = "{\"messages\": [{\"severity\": \"warning\", \"data\": \"declaration uses 'sorry'\"}], \"env\": 2}";
        var r = assertInstanceOf(ReplResponse.CommandResult.class, codec.decodeResponse(old));
        assertTrue(r.messages().get(0).isSorryWarning());
    }

    @Test
    void unknownProofStatusIsUnrecognizedNotADefault() {
        var r = assertInstanceOf(ReplResponse.TacticResult.class, codec.decodeResponse(
                "{\"proofStatus\": \"Maybe: who knows\", \"proofState\": 4, \"goals\": []}"));
        assertEquals(new ProofStatus.Unrecognized("Maybe: who knows"), r.proofStatus());
    }

    @Test
    void everyDocumentedStatusStringHasItsCase() {
        assertInstanceOf(ProofStatus.GoalNotAssigned.class, ReplCodec.proofStatus("Error: Goal not assigned"));
        assertInstanceOf(ProofStatus.MultipleInitialGoals.class,
                ReplCodec.proofStatus("Not verified: more than one initial goal"));
        assertInstanceOf(ProofStatus.TypeMismatch.class,
                ReplCodec.proofStatus("Error: proof has type 1 = 1 but root goal has type 2 = 2"));
        assertInstanceOf(ProofStatus.KernelCheckFailed.class,
                ReplCodec.proofStatus("Error: kernel type check failed: (kernel) bad"));
    }

    @Test
    void missingProofStatusOfOldReplsIsNotReported() {
        var r = assertInstanceOf(ReplResponse.TacticResult.class,
                codec.decodeResponse("{\"proofState\": 1, \"goals\": [\"⊢ Nat\"]}"));
        assertInstanceOf(ProofStatus.NotReported.class, r.proofStatus());
        assertFalse(codec.toJson(r).has("proofStatus"));
    }

    @Test
    void garbageIsAProtocolErrorNamingWhatWasWrong() {
        var e = assertThrows(ReplProtocolException.class, () -> codec.decodeResponse("PANIC at the kernel"));
        assertTrue(e.getMessage().startsWith("not valid JSON"), e.getMessage());
        var e2 = assertThrows(ReplProtocolException.class, () -> codec.decodeResponse("{\"foo\": 1}"));
        assertEquals("not a REPL response (no env, proofState or message): {\"foo\":1}", e2.getMessage());
        var e3 = assertThrows(ReplProtocolException.class, () -> codec.decodeResponse("{\"env\": \"zero\"}"));
        assertEquals("\"env\" must be an integer, got STRING \"zero\"", e3.getMessage());
        var e4 = assertThrows(ReplProtocolException.class, () -> codec.decodeResponse("[1]"));
        assertTrue(e4.getMessage().startsWith("expected a JSON object"), e4.getMessage());
    }

    @Test
    void requestsWithNewlinesStayOnOneLine() {
        String frame = new RequestWriter(codec).frame(ReplRequest.Command.in(0, "theorem foo : 1 = 1 := by\n  rfl"));
        assertEquals("{\"cmd\":\"theorem foo : 1 = 1 := by\\n  rfl\",\"env\":0}\n\n", frame);
    }

    @Test
    void requestsDecodeInTheReplsOrder() {
        assertEquals(new ReplRequest.PickleEnv("a.olean", 3), codec.decodeRequest("{\"pickleTo\": \"a.olean\", \"env\": 3}"));
        assertEquals(new ReplRequest.PickleProofState("a.olean", 3),
                codec.decodeRequest("{\"pickleTo\": \"a.olean\", \"proofState\": 3}"));
        assertEquals(new ReplRequest.Tactic("simp", 2), codec.decodeRequest("{\"tactic\": \"simp\", \"proofState\": 2, \"env\": 1}"));
        assertEquals(new ReplRequest.UnpickleProofState("b.olean", null),
                codec.decodeRequest("{\"unpickleProofStateFrom\": \"b.olean\"}"));
    }

    @Test
    void requestReaderJoinsLinesWithoutNewlinesAsTheReplDoes() throws Exception {
        var reader = new RequestReader(new BufferedReader(new StringReader(
                "{\"cmd\": \"theorem foo : 1 = 1 := by\nsorry\"}\n\n{\"tactic\": \"rfl\",   \n \"proofState\": 0}")));
        Frame first = reader.next().orElseThrow();
        var cmd = assertInstanceOf(ReplRequest.Command.class, codec.decodeRequest(first.text()));
        assertEquals("theorem foo : 1 = 1 := bysorry", cmd.cmd());
        Frame second = reader.next().orElseThrow();
        assertEquals(new ReplRequest.Tactic("rfl", 0), codec.decodeRequest(second.text()));
        assertEquals(2, second.index());
        assertEquals(4, second.firstLine());
        assertTrue(reader.next().isEmpty());
    }

    @Test
    void responseReaderToleratesCrLfAndReportsTruncation() throws Exception {
        var reader = new ResponseReader(new BufferedReader(new StringReader(
                "{\"env\":\r\n 0}\r\n\r\n{\"proofStatus\": \"Completed\",\n \"proofState\": 1,")));
        Frame first = reader.next().orElseThrow();
        assertEquals(new ReplResponse.CommandResult(0), codec.decodeResponse(first.text()));
        var e = assertThrows(TruncatedFrameException.class, reader::next);
        assertEquals(2, e.partial().index());
        assertEquals(4, e.partial().firstLine());
        assertEquals("response 2 (line 4) ends without its empty line: the stream stopped in the middle of it",
                e.getMessage());
    }

    @Test
    void writerBreaksLongValuesAsLeanDoes() {
        var w = new ResponseWriter(codec);
        var r = new ReplResponse.TacticResult(7, List.of("x : Nat\n⊢ x + 0 = x"), List.of(), List.of(), null,
                new ProofStatus.OpenGoals());
        assertEquals("{\"proofStatus\": \"Incomplete: open goals remain\",\n \"proofState\": 7,\n"
                + " \"goals\": [\"x : Nat\\n⊢ x + 0 = x\"]}\n\n", w.frame(r));
        assertEquals("{\"env\": 3}\n\n", w.frame(new ReplResponse.CommandResult(3)));
        assertEquals("{\"message\": \"tab\\u0009here\"}\n\n", w.frame(new ReplResponse.ErrorMessage("tab\there")));
    }
}
