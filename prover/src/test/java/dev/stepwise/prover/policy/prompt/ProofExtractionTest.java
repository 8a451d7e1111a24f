package dev.stepwise.prover.policy.prompt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The code each released pipeline takes out of realistic replies (a plan then the code, a long
 * reasoning part with drafts, replies cut off by the token limit, a {@code lean} fence): the
 * expected values in whole-proof/extracted.json are what the published extraction functions
 * returned on the same files.
 */
class ProofExtractionTest {

    private static String reply(String file) throws IOException {
        try (InputStream in = ProofExtractionTest.class.getResourceAsStream("/whole-proof/replies/" + file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void everyExtractionTakesWhatItsPublishedCodeTakes() throws IOException {
        JsonNode expected = WholeProofTemplateTest.resource("extracted.json");
        int compared = 0;
        for (Map.Entry<String, JsonNode> file : expected.properties()) {
            String reply = reply(file.getKey());
            for (Map.Entry<String, JsonNode> t : file.getValue().properties()) {
                ProofExtraction rule = WholeProofTemplate.named(t.getKey()).extraction();
                Optional<String> want = t.getValue().isNull() ? Optional.empty() : Optional.of(t.getValue().asText());
                assertEquals(want, rule.code(reply), file.getKey() + " / " + t.getKey());
                compared++;
            }
        }
        assertEquals(7 * 4, compared);
    }

    @Test
    void aReplyCutOffInsideItsOnlyBlockHasNoProof() throws IOException {
        String cut = reply("truncated-in-think.txt");
        assertTrue(ProofExtraction.LAST_LEAN4_BLOCK.code(cut).isEmpty());
        assertTrue(ProofExtraction.LAST_COMPLETE_FILE_BLOCK.code(cut).isEmpty());
    }

    @Test
    void kiminaSkipsADraftInItsReasoningWhereGoedelTakesTheLastCompleteBlock() throws IOException {
        String cut = reply("truncated-after-snippet.txt");
        assertTrue(ProofExtraction.LAST_COMPLETE_FILE_BLOCK.code(cut).isEmpty());
        assertEquals("theorem mathd_algebra_10 : abs ((120 : ℝ) / 100 * 30 - 130 / 100 * 20) = 10 := by\n  norm_num",
                ProofExtraction.LAST_LEAN4_BLOCK.code(cut).orElseThrow());
    }
}
