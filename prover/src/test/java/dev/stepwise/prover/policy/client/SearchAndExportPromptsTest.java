package dev.stepwise.prover.policy.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stepwise.prover.policy.prompt.CharCounter;
import dev.stepwise.prover.policy.prompt.PromptBuilder;
import dev.stepwise.prover.policy.prompt.PromptInput;
import dev.stepwise.prover.policy.prompt.PromptTemplate;
import dev.stepwise.search.PolicyRequest;
import dev.stepwise.search.ProofState;
import dev.stepwise.search.StateHandle;
import dev.stepwise.search.Theorem;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

/** The prompt the search sends is PromptBuilder.build of the same input: what the training export writes. */
class SearchAndExportPromptsTest {
    @StartStop
    final MockWebServer server = new MockWebServer();

    @Test
    void aTruncatedInternLmPromptIsIdenticalInSearchAndExport() throws Exception {
        PromptBuilder builder = new PromptBuilder(PromptTemplate.named("internlm25-stepprover"), new CharCounter(), 200);
        StringBuilder state = new StringBuilder();
        for (int i = 0; i < 30; i++) {
            state.append("h").append(i).append(" : a").append(i).append(" ≤ b").append(i).append('\n');
        }
        state.append("⊢ a0 ≤ b29");
        Theorem theorem = new Theorem("long_one", "import Mathlib\n", "theorem long_one : True := by");
        List<String> path = List.of("intro a", "intro b", "nlinarith [sq_nonneg a]");

        server.enqueue(ServerPolicyTest.ok(Responses.SGLANG));
        CompletionClient client = new CompletionClient(new OkHttpClient(), ServerPolicyTest.settings(ServerKind.VLLM,
                List.of(server.url("/")), 0, 5, Duration.ofSeconds(10), ApiKey.NONE), InstantSource.system(), new SplittableRandom(1));
        try (ServerPolicy policy = new ServerPolicy(builder, Runnable::run, client,
                new Sampling("m", 16, 1.0, TruncatedTactics.DROP), Duration.ofSeconds(10))) {
            policy.suggest(new PolicyRequest(theorem, new ProofState(new StateHandle() { }, state.toString(), 1), path, 2, 1.0, 1))
                    .get(20, TimeUnit.SECONDS);
        }
        String sent = new ObjectMapper().readTree(server.takeRequest().getBody().utf8()).get("prompt").asText();

        // Training export renders through PromptBuilder.build with the same input (expert iteration's renderer).
        assertEquals(sent, builder.build(new PromptInput(theorem.name(), theorem.header(), path, state.toString())).text());
        // The state was cut (oldest tactics and top hypotheses gone), the same way for both.
        org.junit.jupiter.api.Assertions.assertTrue(new CharCounter().count(sent) <= 200, sent);
        org.junit.jupiter.api.Assertions.assertFalse(sent.contains("h0 : a0"), sent);
        org.junit.jupiter.api.Assertions.assertTrue(sent.contains("h29 : a29 ≤ b29\n⊢ a0 ≤ b29"), sent);
    }
}
