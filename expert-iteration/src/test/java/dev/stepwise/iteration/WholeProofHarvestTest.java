package dev.stepwise.iteration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stepwise.search.AttemptMode;
import dev.stepwise.search.EdgeKind;
import dev.stepwise.search.EdgeRecord;
import dev.stepwise.search.NodeRecord;
import dev.stepwise.search.RecordedTree;
import dev.stepwise.search.Status;
import dev.stepwise.search.Theorem;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whole-proof attempts harvest one example per statement in the model's own format: the accepted
 * reply after the attempt's prompt, or after the repair conversation that led to it; and a
 * conversation is exported in TRL's conversational shapes.
 */
class WholeProofHarvestTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Renders a conversation as "P(theorem)" then "A:reply|U:feedback" links, and its completion as the reply. */
    private static final PromptRenderer RENDERER = new PromptRenderer() {
        @Override
        public String name() {
            return "whole";
        }

        @Override
        public String prompt(Theorem theorem, List<String> proofBefore, String state) {
            throw new AssertionError("no step example comes from a whole-proof attempt");
        }

        @Override
        public String completion(String tactic) {
            throw new AssertionError("no step example comes from a whole-proof attempt");
        }

        @Override
        public Optional<WholeProofTurns> wholeProof(Theorem theorem, List<WholeProofTurns.Revised> earlier, String reply) {
            StringBuilder b = new StringBuilder("[{\"role\":\"user\",\"content\":\"P(" + theorem.name() + ")\"}");
            for (WholeProofTurns.Revised r : earlier) {
                b.append(",{\"role\":\"assistant\",\"content\":\"").append(r.reply()).append("\"}")
                        .append(",{\"role\":\"user\",\"content\":\"").append(r.feedback()).append("\"}");
            }
            return Optional.of(new WholeProofTurns(b.append(']').toString(), reply, Example.PromptShape.MESSAGES));
        }
    };

    private static EdgeRecord edge(String proof, EdgeKind kind, String reply, String feedback) {
        return new EdgeRecord(0, EdgeRecord.NO_NODE, proof, -1.0, 5, -1.0, kind, "", 10, reply, feedback);
    }

    private static SearchedAttempt whole(String name, boolean proved, EdgeRecord... edges) {
        NodeRecord root = new NodeRecord(0, "theorem t : True := by", 1, proved ? Status.PROVED : Status.FAILED, 0, 0.0,
                proved ? 1 : NodeRecord.UNPROVED, 0, 0);
        return new SearchedAttempt(name, proved ? Verdict.ACCEPTED : Verdict.NO_PROOF,
                new RecordedTree(List.of(root), List.of(edges)), AttemptMode.WHOLE_PROOF);
    }

    @Test
    void aSampledProofIsOneExampleOfItsReplyAndARevisionCarriesItsRepairConversation() {
        SearchedAttempt sampled = whole("a1", true,
                edge("bad", EdgeKind.PROOF_REJECTED, "reply-bad", ""),
                edge("trivial", EdgeKind.PROOF_COMPLETE, "reply-ok", ""),
                edge("trivial", EdgeKind.PROOF_COMPLETE, "reply-ok-again", ""));
        SearchedAttempt repaired = whole("a2", true,
                edge("wrong", EdgeKind.PROOF_REJECTED, "r0", ""),
                edge("still wrong", EdgeKind.PROOF_REJECTED, "r1", "errors of r0"),
                edge("trivial", EdgeKind.PROOF_COMPLETE, "r2", "errors of r1"));
        Harvest h = new Harvester(RENDERER).harvest(List.of(
                new SearchedProblem(Trees.theorem("t1"), Difficulty.REGULAR, List.of(whole("a0", false,
                        edge("bad", EdgeKind.PROOF_REJECTED, "x", "")), sampled)),
                new SearchedProblem(Trees.theorem("t2"), Difficulty.REGULAR, List.of(repaired)),
                new SearchedProblem(Trees.theorem("t3"), Difficulty.REGULAR, List.of(whole("a3", false)))));
        assertEquals(2, h.proofs());
        assertEquals(List.of(
                new Example.Sft("t1", "a1", "[{\"role\":\"user\",\"content\":\"P(t1)\"}]", "reply-ok", Example.PromptShape.MESSAGES),
                new Example.Sft("t2", "a2", "[{\"role\":\"user\",\"content\":\"P(t2)\"},{\"role\":\"assistant\",\"content\":\"r0\"},"
                        + "{\"role\":\"user\",\"content\":\"errors of r0\"},{\"role\":\"assistant\",\"content\":\"r1\"},"
                        + "{\"role\":\"user\",\"content\":\"errors of r1\"}]", "r2", Example.PromptShape.MESSAGES)),
                h.examples());
    }

    @Test
    void aProofStoredWithoutItsReplyGivesNoExample() {
        Harvest h = new Harvester(RENDERER).harvest(List.of(new SearchedProblem(Trees.theorem("t1"), Difficulty.REGULAR,
                List.of(whole("a1", true, edge("trivial", EdgeKind.PROOF_COMPLETE, "", ""))))));
        assertEquals(List.of(), h.examples());
    }

    @Test
    void thePerplexityBandLeavesConversationsUnscored() {
        Example.Sft chat = new Example.Sft("t1", "a1", "[{\"role\":\"user\",\"content\":\"P\"}]", "reply",
                Example.PromptShape.MESSAGES);
        Example.Sft text = new Example.Sft("t2", "a2", "prompt", "completion");
        List<List<TacticScorer.Request>> asked = new java.util.ArrayList<>();
        TacticScorer scorer = (model, requests) -> {
            asked.add(requests);
            return requests.stream().map(r -> new TacticScorer.Score(-1.0, 1)).toList();
        };
        Filtered f = new PerplexityBandFilter(scorer, "m", new PerplexityBand(0.4, 0.4)).apply(List.of(chat, text));
        assertEquals(List.of(List.of(new TacticScorer.Request("prompt", "completion"))), asked);
        assertEquals(List.of(chat, text), f.kept());
    }

    @Test
    void aConversationIsExportedInTrlsConversationalShapes(@TempDir Path dir) throws Exception {
        Example.Sft e = new Example.Sft("t1", "a1", "[{\"role\":\"system\",\"content\":\"S\"},{\"role\":\"user\",\"content\":\"P\"}]",
                "reply", Example.PromptShape.MESSAGES);
        new Exporter(JSON, 0.0, new TrainingFormat(java.util.OptionalInt.empty(), Optional.of("<|im_end|>")))
                .export(List.of(e), dir, 1, "whole", Map.of());
        JsonNode sft = JSON.readTree(Files.readString(dir.resolve("sft-train.jsonl"), StandardCharsets.UTF_8));
        assertEquals("[{\"role\":\"system\",\"content\":\"S\"},{\"role\":\"user\",\"content\":\"P\"}]",
                JSON.writeValueAsString(sft.get("prompt")));
        // the chat template closes the turn: no end text on a conversation's completion
        assertEquals("[{\"role\":\"assistant\",\"content\":\"reply\"}]", JSON.writeValueAsString(sft.get("completion")));
        JsonNode chat = JSON.readTree(Files.readString(dir.resolve("chat-train.jsonl"), StandardCharsets.UTF_8));
        assertEquals("[{\"role\":\"system\",\"content\":\"S\"},{\"role\":\"user\",\"content\":\"P\"},"
                + "{\"role\":\"assistant\",\"content\":\"reply\"}]", JSON.writeValueAsString(chat.get("messages")));
        // a text prompt's example is unchanged by the conversation case
        assertTrue(new Example.Sft("t", "a", "p", "c").shape() == Example.PromptShape.TEXT);
    }
}
