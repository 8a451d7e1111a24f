package dev.stepwise.lean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The codec against every recorded REPL transcript: decoding, re-encoding, byte layout. */
class RecordedTranscriptTest {
    private final ReplCodec codec = new ReplCodec();
    private final ResponseWriter writer = new ResponseWriter(codec);

    @Test
    void decodesEveryRecordedResponse() {
        int total = 0;
        for (Path out : RecordedTranscripts.outputs()) {
            for (Frame f : RecordedTranscripts.responses(out)) {
                ReplResponse r = codec.decodeResponse(f.text());
                // the typed value carries what the raw JSON says
                JsonNode raw = codec.parseObject(f.text());
                switch (r) {
                    case ReplResponse.CommandResult c -> {
                        assertEquals(raw.get("env").intValue(), c.env(), f.position(RecordedTranscripts.name(out)));
                        assertEquals(size(raw, "messages"), c.messages().size());
                        assertEquals(size(raw, "sorries"), c.sorries().size());
                    }
                    case ReplResponse.TacticResult t -> {
                        assertEquals(raw.get("proofState").intValue(), t.proofState());
                        assertEquals(size(raw, "goals"), t.goals().size());
                        assertEquals(raw.get("proofStatus").textValue(), t.proofStatus().text());
                        assertFalse(t.proofStatus() instanceof ProofStatus.Unrecognized,
                                "every recorded status is known: " + t.proofStatus());
                    }
                    case ReplResponse.ErrorMessage e -> assertEquals(raw.get("message").textValue(), e.message());
                }
                total++;
            }
        }
        assertEquals(156, total, "the shipped fixtures hold 156 responses");
    }

    @Test
    void writerReproducesEveryRecordedFileByteForByte() {
        for (Path out : RecordedTranscripts.outputs()) {
            StringBuilder rewritten = new StringBuilder();
            for (Frame f : RecordedTranscripts.responses(out)) {
                rewritten.append(writer.frame(codec.decodeResponse(f.text())));
            }
            assertEquals(RecordedTranscripts.read(out), rewritten.toString(), RecordedTranscripts.name(out));
        }
    }

    @Test
    void everyRecordedRequestRoundTrips() {
        int total = 0;
        for (Path in : RecordedTranscripts.inputs()) {
            for (Frame f : RecordedTranscripts.requests(in)) {
                ReplRequest request = codec.decodeRequest(f.text());
                String line = codec.encodeRequest(request);
                assertFalse(line.contains("\n"), line);
                assertEquals(codec.parseObject(f.text()), codec.parseObject(line), RecordedTranscripts.name(in));
                assertEquals(request, codec.decodeRequest(line));
                total++;
            }
        }
        assertTrue(total >= 150, "requests found: " + total);
    }

    @Test
    void everyTranscriptAnswersEachRequestOnce() {
        for (Path out : RecordedTranscripts.outputs()) {
            assertEquals(RecordedTranscripts.requests(RecordedTranscripts.input(out)).size(),
                    RecordedTranscripts.responses(out).size(), RecordedTranscripts.name(out));
        }
    }

    @Test
    void proofStepTranscriptDecodesToItsValues() {
        List<ReplResponse> rs = decodeAll("proof_step.expected.out");
        var cmd = assertInstanceOf(ReplResponse.CommandResult.class, rs.get(0));
        assertEquals(0, cmd.env());
        assertEquals(List.of(new Sorry("⊢ Nat", 0, cmd.sorries().get(0).pos(), cmd.sorries().get(0).endPos())),
                cmd.sorries());
        assertEquals(1, cmd.sorries().get(0).pos().get("line").intValue());
        assertEquals(18, cmd.sorries().get(0).pos().get("column").intValue());
        assertTrue(cmd.messages().get(0).isSorryWarning());
        assertEquals(Severity.WARNING, cmd.messages().get(0).severity());

        var step1 = assertInstanceOf(ReplResponse.TacticResult.class, rs.get(1));
        assertEquals(1, step1.proofState());
        assertEquals(List.of("⊢ Int"), step1.goals());
        assertInstanceOf(ProofStatus.OpenGoals.class, step1.proofStatus());
        var step2 = assertInstanceOf(ReplResponse.TacticResult.class, rs.get(2));
        assertEquals(List.of("t : Nat\n⊢ Nat"), step2.goals());
        var done = assertInstanceOf(ReplResponse.TacticResult.class, rs.get(3));
        assertEquals(3, done.proofState());
        assertEquals(List.of(), done.goals());
        assertInstanceOf(ProofStatus.Completed.class, done.proofStatus());
        assertFalse(done.hasError());
    }

    @Test
    void failedTacticHasNoGoalsAnErrorAndAContainsSorryStatus() {
        var r = assertInstanceOf(ReplResponse.TacticResult.class, decodeAll("invalid_tactic.expected.out").get(1));
        assertEquals(List.of(), r.goals());
        assertTrue(r.hasError());
        assertEquals("Unknown identifier `my_fake_premise`", r.messages().get(0).data());
        assertInstanceOf(ProofStatus.ContainsSorry.class, r.proofStatus());
    }

    @Test
    void errorResponsesKeepTheirText() {
        var unknownTactic = assertInstanceOf(ReplResponse.ErrorMessage.class, decodeAll("unknown_tactic.expected.out").get(1));
        assertEquals("Lean error:\n<input>:1:1: unknown tactic", unknownTactic.message());
        var unknownEnv = decodeAll("unknown_environment.expected.out");
        assertTrue(unknownEnv.contains(new ReplResponse.ErrorMessage("Unknown environment.")), unknownEnv.toString());
        var unknownState = decodeAll("unknown_proof_state.expected.out");
        assertTrue(unknownState.contains(new ReplResponse.ErrorMessage("Unknown proof state.")), unknownState.toString());
    }

    @Test
    void selfReferenceIsAKernelCheckFailure() {
        var r = assertInstanceOf(ReplResponse.TacticResult.class, decodeAll("self_proof_apply_check.expected.out").get(2));
        var status = assertInstanceOf(ProofStatus.KernelCheckFailed.class, r.proofStatus());
        assertTrue(status.text().startsWith("Error: kernel type check failed: (kernel) declaration has free variables"));
    }

    @Test
    void recordedStatusesMapToTheirCases() {
        Map<String, String> seen = new TreeMap<>();
        for (Path out : RecordedTranscripts.outputs()) {
            for (Frame f : RecordedTranscripts.responses(out)) {
                if (codec.decodeResponse(f.text()) instanceof ReplResponse.TacticResult t) {
                    seen.put(t.proofStatus().text(), t.proofStatus().getClass().getSimpleName());
                }
            }
        }
        assertEquals("Completed", seen.get("Completed"));
        assertEquals("OpenGoals", seen.get("Incomplete: open goals remain"));
        assertEquals("ContainsMetavariables", seen.get("Incomplete: contains metavariable(s)"));
        assertEquals("ContainsSorry", seen.get("Incomplete: contains sorry"));
    }

    private List<ReplResponse> decodeAll(String file) {
        Path p = RecordedTranscripts.root().resolve(file);
        return RecordedTranscripts.responses(p).stream().map(f -> codec.decodeResponse(f.text())).toList();
    }

    private static int size(JsonNode o, String key) {
        return o.has(key) ? o.get(key).size() : 0;
    }
}
