package dev.stepwise.prover.critic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stepwise.prover.policy.client.ApiKey;
import dev.stepwise.prover.policy.client.RetryPolicy;
import dev.stepwise.search.PolicyUnavailableException;
import dev.stepwise.search.ProofState;
import dev.stepwise.search.StateHandle;
import dev.stepwise.search.Theorem;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

/** The search's critic against vLLM's /pooling reply shapes (mockwebserver3 on 127.0.0.1). */
class CriticStateScorerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Theorem THEOREM = new Theorem("t", "import Mathlib", "theorem t (x : ℕ) : x = x := by");

    @StartStop
    final MockWebServer server = new MockWebServer();

    private CriticStateScorer scorer(int retries, String model) {
        PoolingCritic critic = new PoolingCritic(new OkHttpClient(), server.url("/"), new ApiKey("sk-critic"), model,
                new RetryPolicy(retries, Duration.ofMillis(1), Duration.ofMillis(2)));
        return new CriticStateScorer(critic, CriticPrompt.INTERNLM25_STEPPROVER);
    }

    private static ProofState state(String goals) {
        return new ProofState(new StateHandle() { }, goals, 1);
    }

    private static MockResponse ok(String body) {
        return new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json").body(body).build();
    }

    @Test
    void scoresEachStateByItsLastTokensRewardInOneRequestOfRenderedStates() throws Exception {
        // As vLLM answers for a reward model (InternLM2ForRewardModel): one reward per token.
        server.enqueue(ok("""
                {"id":"pool-1","object":"list","created":1764000000,"model":"critic",
                 "data":[{"index":0,"object":"pooling","data":[[0.1],[0.4],[-2.5]]},
                         {"index":1,"object":"pooling","data":[[0.3],[1.25]]}],
                 "usage":{"prompt_tokens":5,"total_tokens":5,"completion_tokens":0,"prompt_tokens_details":null}}
                """));
        List<Double> scores = scorer(0, "critic").score(THEOREM, List.of(state("x : ℕ\n⊢ x = x"), state("⊢ True")))
                .get(10, TimeUnit.SECONDS);
        assertEquals(List.of(-2.5, 1.25), scores);
        RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
        assertEquals("POST", request.getMethod());
        assertEquals("/pooling", request.getTarget());
        assertEquals("Bearer sk-critic", request.getHeaders().get("Authorization"));
        var body = JSON.readTree(request.getBody().utf8());
        assertEquals("critic", body.path("model").asText());
        assertEquals(List.of(
                "<|im_start|>user\nWhich state is closer to 'no goals'?<|im_end|>\n<|im_start|>assistant\nx : ℕ\n⊢ x = x<|im_end|>\n",
                "<|im_start|>user\nWhich state is closer to 'no goals'?<|im_end|>\n<|im_start|>assistant\n⊢ True<|im_end|>\n"),
                JSON.convertValue(body.path("input"), List.class));
    }

    @Test
    void aBusyServerIsRetriedAndADownOneIsPolicyUnavailableNotABug() throws Exception {
        server.enqueue(new MockResponse.Builder().code(503).body("{\"message\":\"loading\"}").build());
        server.enqueue(ok("{\"object\":\"list\",\"data\":[{\"index\":0,\"object\":\"pooling\",\"data\":[[0.5]]}]}"));
        assertEquals(List.of(0.5), scorer(1, "").score(THEOREM, List.of(state("⊢ True"))).get(10, TimeUnit.SECONDS));
        assertTrue(JSON.readTree(server.takeRequest().getBody().utf8()).path("model").isMissingNode(),
                "no model name: the server's only model");

        server.enqueue(new MockResponse.Builder().code(404).body(
                "{\"object\":\"error\",\"message\":\"The model `nope` does not exist.\",\"type\":\"NotFoundError\"}").build());
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> scorer(1, "nope").score(THEOREM, List.of(state("⊢ True"))).get(10, TimeUnit.SECONDS));
        PolicyUnavailableException p = assertInstanceOf(PolicyUnavailableException.class, e.getCause());
        assertTrue(p.getMessage().startsWith("the critic at " + server.url("/pooling") + " answered 404: "), p.getMessage());
    }

    @Test
    void aTemplateWithoutTheStateIsRefused() {
        var e = assertThrows(IllegalArgumentException.class, () -> new CriticPrompt("score this"));
        assertEquals("a critic template must contain {state}", e.getMessage());
    }
}
