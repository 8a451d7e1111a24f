package dev.stepwise.prover.policy.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stepwise.prover.policy.prompt.CharCounter;
import dev.stepwise.prover.policy.prompt.PromptBuilder;
import dev.stepwise.prover.policy.prompt.PromptTemplate;
import dev.stepwise.search.Candidate;
import dev.stepwise.search.PolicyRequest;
import dev.stepwise.search.PolicyUnavailableException;
import dev.stepwise.search.ProofState;
import dev.stepwise.search.StateHandle;
import dev.stepwise.search.Suggestions;
import dev.stepwise.search.Theorem;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The model-server policy against mockwebserver3 replaying each server's reply shapes. */
class ServerPolicyTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String STATE = "x : ℝ\nh : 0 < x\n⊢ 0 < x ^ 2";

    @StartStop
    final MockWebServer server = new MockWebServer();

    private final OkHttpClient http = new OkHttpClient();
    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    static PolicyRequest request(int count) {
        return new PolicyRequest(new Theorem("pos_sq", "import Mathlib\n", "theorem pos_sq (x : ℝ) (h : 0 < x) : 0 < x ^ 2 := by"),
                new ProofState(new StateHandle() { }, STATE, 1), List.of("intro"), count, 1.3, 1234L);
    }

    static ClientSettings settings(ServerKind kind, List<HttpUrl> urls, int retries, int breakerFailures,
            Duration timeout, ApiKey key) {
        return new ClientSettings(urls, kind, key, new RetryPolicy(retries, Duration.ofMillis(1), Duration.ofMillis(5)),
                new BreakerSettings(breakerFailures, Duration.ofSeconds(30)), timeout, Duration.ZERO);
    }

    private ServerPolicy policy(ClientSettings settings, InstantSource clock, TruncatedTactics truncated) {
        CompletionClient client = new CompletionClient(http, settings, clock, new SplittableRandom(7));
        ServerPolicy p = new ServerPolicy(new PromptBuilder(PromptTemplate.named("bfs-prover"), new CharCounter(), 4000),
                Runnable::run, client, new Sampling("bfs", 64, 0.95, truncated), settings.requestTimeout());
        open.add(p);
        return p;
    }

    private ServerPolicy policy(ServerKind kind, int retries) {
        return policy(settings(kind, List.of(server.url("/")), retries, 5, Duration.ofSeconds(10), ApiKey.NONE),
                InstantSource.system(), TruncatedTactics.DROP);
    }

    static Suggestions get(ServerPolicy p, PolicyRequest r) throws Exception {
        return p.suggest(r).get(20, TimeUnit.SECONDS);
    }

    static PolicyUnavailableException failure(ServerPolicy p, PolicyRequest r) throws Exception {
        ExecutionException e = assertThrows(ExecutionException.class, () -> p.suggest(r).get(20, TimeUnit.SECONDS));
        return assertInstanceOf(PolicyUnavailableException.class, e.getCause());
    }

    static MockResponse ok(String body) {
        return new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json").body(body).build();
    }

    static MockResponse status(int code, String body) {
        return new MockResponse.Builder().code(code).body(body).build();
    }

    @Test
    void vllmRepliesBecomeCandidatesInChoiceOrderAndTruncatedOnesAreDropped() throws Exception {
        server.enqueue(ok(Responses.VLLM));
        Suggestions s = get(policy(ServerKind.VLLM, 0), request(3));
        assertEquals(List.of(new Candidate("norm_num", -0.13, 2), new Candidate("linarith [h]", -1.0, 5)),
                rounded(s.candidates()));
        assertEquals(25, s.promptTokens());
        assertEquals(60, s.completionTokens());

        RecordedRequest r = server.takeRequest();
        assertEquals("/v1/completions", r.getUrl().encodedPath());
        JsonNode body = JSON.readTree(r.getBody().utf8());
        assertEquals("bfs", body.get("model").asText());
        assertEquals(STATE + ":::", body.get("prompt").asText());
        assertEquals(3, body.get("n").asInt());
        assertEquals(64, body.get("max_tokens").asInt());
        assertEquals(1.3, body.get("temperature").asDouble());
        assertEquals(0.95, body.get("top_p").asDouble());
        assertEquals(-1, body.get("top_k").asInt());
        assertEquals(1234, body.get("seed").asLong());
        assertEquals(1, body.get("logprobs").asInt());
        assertTrue(body.get("stop").isArray() && body.get("stop").isEmpty());
        assertEquals(null, r.getHeaders().get("Authorization"));
    }

    @Test
    void truncatedTacticsCanBeKept() throws Exception {
        server.enqueue(ok(Responses.VLLM));
        ServerPolicy p = policy(settings(ServerKind.VLLM, List.of(server.url("/")), 0, 5, Duration.ofSeconds(10), ApiKey.NONE),
                InstantSource.system(), TruncatedTactics.KEEP);
        Suggestions s = get(p, request(3));
        assertEquals(3, s.candidates().size());
        assertEquals(new Candidate("nlinarith [sq_nonneg (a - b), sq_non", -10000.0, 2), s.candidates().get(2));
    }

    @Test
    void sglangRepliesWithMatchedStopAndPartialTopLogprobs() throws Exception {
        server.enqueue(ok(Responses.SGLANG));
        Suggestions s = get(policy(ServerKind.SGLANG, 0), request(2));
        assertEquals(List.of(new Candidate("simp", -0.3, 1), new Candidate("omega", -0.8, 2)), rounded(s.candidates()));
        assertEquals(30, s.promptTokens());
        assertEquals(3, s.completionTokens());
    }

    @Test
    void llamaServerGetsOneRequestPerSampleWithDistinctSeeds() throws Exception {
        server.enqueue(ok(Responses.llama("simp", -0.5)));
        server.enqueue(ok(Responses.llama("ring_nf", -0.25, -0.25)));
        server.enqueue(ok(Responses.llama("positivity", -0.125, -0.125, -0.25)));
        Suggestions s = get(policy(ServerKind.LLAMA_CPP, 0), request(3));
        Set<String> tactics = new HashSet<>();
        s.candidates().forEach(c -> tactics.add(c.tactic()));
        assertEquals(Set.of("simp", "ring_nf", "positivity"), tactics);
        double total = s.candidates().stream().mapToDouble(Candidate::logProbSum).sum();
        assertEquals(-1.5, total, 1e-9);
        assertEquals(36, s.promptTokens());
        assertEquals(6, s.completionTokens());

        Set<Long> seeds = new HashSet<>();
        for (int i = 0; i < 3; i++) {
            JsonNode body = JSON.readTree(server.takeRequest().getBody().utf8());
            assertFalse(body.has("n"), "llama-server requests carry no n");
            assertEquals(1, body.get("n_probs").asInt());
            assertEquals(0, body.get("top_k").asInt());
            assertEquals(0.0, body.get("min_p").asDouble());
            seeds.add(body.get("seed").asLong());
        }
        assertEquals(Set.of(1234L, 1235L, 1236L), seeds);
    }

    @Test
    void llamaServerIsAskedForTheChosenDistributionAndItsProbabilitiesBecomeLogProbs() throws Exception {
        // post_sampling_probs=true: llama-server answers "prob" (not "logprob") for each token (server-task.cpp).
        server.enqueue(ok("{\"choices\":[{\"index\":0,\"text\":\" simp\",\"logprobs\":{\"content\":["
                + "{\"token\":\" si\",\"prob\":0.5,\"bytes\":[32,115,105],\"top_probs\":[{\"token\":\" si\",\"prob\":0.5}]},"
                + "{\"token\":\"mp\",\"prob\":0.25,\"bytes\":[109,112],\"top_probs\":[{\"token\":\"mp\",\"prob\":0.25}]}]},"
                + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":2}}"));
        ClientSettings settings = settings(ServerKind.LLAMA_CPP, List.of(server.url("/")), 0, 5, Duration.ofSeconds(10), ApiKey.NONE);
        ServerPolicy p = new ServerPolicy(new PromptBuilder(PromptTemplate.named("bfs-prover"), new CharCounter(), 4000),
                Runnable::run, new CompletionClient(http, settings, InstantSource.system(), new SplittableRandom(7)),
                new Sampling("bfs", 64, 0.95, TruncatedTactics.DROP, LogprobScale.PROCESSED), settings.requestTimeout());
        open.add(p);
        Suggestions s = get(p, request(1));
        assertEquals(List.of(new Candidate("simp", Math.log(0.5) + Math.log(0.25), 2)), s.candidates());
        assertTrue(JSON.readTree(server.takeRequest().getBody().utf8()).get("post_sampling_probs").asBoolean());

        server.enqueue(ok(Responses.llama("simp", -0.5)));
        get(policy(ServerKind.LLAMA_CPP, 0), request(1));
        assertFalse(JSON.readTree(server.takeRequest().getBody().utf8()).get("post_sampling_probs").asBoolean(),
                "raw (llama-server's own default) unless processed is asked for");
    }

    @Test
    void theApiKeyIsSentAsBearerToken() throws Exception {
        server.enqueue(ok(Responses.SGLANG));
        ServerPolicy p = policy(settings(ServerKind.SGLANG, List.of(server.url("/")), 0, 5, Duration.ofSeconds(10),
                new ApiKey("sk-test-123")), InstantSource.system(), TruncatedTactics.DROP);
        get(p, request(2));
        assertEquals("Bearer sk-test-123", server.takeRequest().getHeaders().get("Authorization"));
        assertEquals("ApiKey[****]", new ApiKey("sk-test-123").toString());
    }

    @Test
    void retriesOn503And429ThenSucceeds() throws Exception {
        server.enqueue(status(503, "{\"object\":\"error\",\"message\":\"loading\"}"));
        server.enqueue(new MockResponse.Builder().code(429).setHeader("Retry-After", "0").body("slow down").build());
        server.enqueue(ok(Responses.SGLANG));
        Suggestions s = get(policy(ServerKind.VLLM, 2), request(2));
        assertEquals(2, s.candidates().size());
        assertEquals(3, server.getRequestCount());
    }

    @Test
    void retriesAConnectionDroppedMidRequest() throws Exception {
        server.enqueue(new MockResponse.Builder().onRequestStart(new mockwebserver3.SocketEffect.CloseSocket()).build());
        server.enqueue(ok(Responses.SGLANG));
        Suggestions s = get(policy(ServerKind.VLLM, 1), request(2));
        assertEquals(2, s.candidates().size());
    }

    @Test
    void retriesA200WhoseBodyIsCutShort() throws Exception {
        // The server sends 200 and its headers, then the connection drops halfway through the body.
        server.enqueue(new MockResponse.Builder(ok(Responses.SGLANG))
                .onResponseBody(new mockwebserver3.SocketEffect.CloseSocket()).build());
        server.enqueue(ok(Responses.SGLANG));
        Suggestions s = get(policy(ServerKind.VLLM, 1), request(2));
        assertEquals(2, s.candidates().size());
        assertEquals(2, server.getRequestCount());
    }

    @Test
    void retriesA200WhoseJsonStopsHalfwayInsideWholeFraming() throws Exception {
        // Content-Length matches the bytes sent, but the JSON ends halfway (a proxy or server framing what it had).
        server.enqueue(ok(Responses.SGLANG.substring(0, Responses.SGLANG.length() / 2)));
        server.enqueue(ok(Responses.SGLANG));
        Suggestions s = get(policy(ServerKind.VLLM, 1), request(2));
        assertEquals(2, s.candidates().size());
        assertEquals(2, server.getRequestCount());
    }

    @Test
    void aWholeButUnreadableReplyIsNotRetried() throws Exception {
        server.enqueue(ok("{\"choices\": 7}"));
        PolicyUnavailableException e = failure(policy(ServerKind.VLLM, 3), request(2));
        assertTrue(e.getMessage().contains("sent an unreadable completion"), e.getMessage());
        assertEquals(1, server.getRequestCount());
    }

    @Test
    void aBodyCutShortOnEveryTryIsAnUnreachableServerAfterTheRetries() throws Exception {
        for (int i = 0; i < 3; i++) {
            server.enqueue(new MockResponse.Builder(ok(Responses.SGLANG))
                    .onResponseBody(new mockwebserver3.SocketEffect.CloseSocket()).build());
        }
        PolicyUnavailableException e = failure(policy(ServerKind.VLLM, 2), request(2));
        assertTrue(e.getMessage().startsWith("model server unavailable: " + server.url("/") + " failed this request (last: "
                + server.url("/") + " unreachable: "), e.getMessage());
        assertEquals(3, server.getRequestCount());
    }

    @Test
    void afterRetriesTheFailureNamesTheServerAndStatus() throws Exception {
        for (int i = 0; i < 3; i++) {
            server.enqueue(status(503, "{\"object\":\"error\",\"message\":\"engine dead\"}"));
        }
        PolicyUnavailableException e = failure(policy(ServerKind.VLLM, 2), request(2));
        assertEquals("model server unavailable: " + server.url("/") + " failed this request (last: HTTP 503 from "
                + server.url("/") + ": engine dead)", e.getMessage());
        assertEquals(3, server.getRequestCount());
    }

    @Test
    void aClientErrorIsNotRetried() throws Exception {
        server.enqueue(status(400, "{\"object\":\"error\",\"message\":\"n must be at most 4\"}"));
        ServerPolicy p = policy(settings(ServerKind.VLLM, List.of(server.url("/")), 3, 5, Duration.ofSeconds(10),
                new ApiKey("sk-secret-999")), InstantSource.system(), TruncatedTactics.DROP);
        PolicyUnavailableException e = failure(p, request(8));
        assertEquals("model server rejected the request: HTTP 400 from " + server.url("/") + ": n must be at most 4",
                e.getMessage());
        assertEquals(1, server.getRequestCount());
        assertFalse(e.getMessage().contains("sk-secret-999"));
    }

    @Test
    void aReplyWithoutLogprobsIsAClearError() throws Exception {
        server.enqueue(ok("{\"choices\":[{\"index\":0,\"text\":\"simp\",\"finish_reason\":\"stop\"}]}"));
        PolicyUnavailableException e = failure(policy(ServerKind.VLLM, 0), request(1));
        assertTrue(e.getMessage().contains("returned no log-probs"), e.getMessage());
    }

    @Test
    void theCircuitOpensAfterRepeatedFailuresAndATrialClosesIt() throws Exception {
        TestClock clock = new TestClock();
        ServerPolicy p = policy(settings(ServerKind.VLLM, List.of(server.url("/")), 0, 2, Duration.ofSeconds(10), ApiKey.NONE),
                clock, TruncatedTactics.DROP);
        server.enqueue(status(500, "boom"));
        server.enqueue(status(500, "boom"));
        failure(p, request(1));
        failure(p, request(1));
        // Open: the third request fails at once without reaching the server.
        PolicyUnavailableException open = failure(p, request(1));
        assertTrue(open.getMessage().contains("circuit open after repeated failures, next try in 30s"), open.getMessage());
        assertEquals(2, server.getRequestCount());

        clock.advance(Duration.ofSeconds(31));
        server.enqueue(ok(Responses.SGLANG));
        assertEquals(2, get(p, request(2)).candidates().size());
        assertEquals(3, server.getRequestCount());
        server.enqueue(ok(Responses.SGLANG));
        assertEquals(2, get(p, request(2)).candidates().size());
    }

    @Test
    void aFailedTrialOpensTheCircuitAgain() throws Exception {
        TestClock clock = new TestClock();
        ServerPolicy p = policy(settings(ServerKind.VLLM, List.of(server.url("/")), 0, 1, Duration.ofSeconds(10), ApiKey.NONE),
                clock, TruncatedTactics.DROP);
        server.enqueue(status(502, "bad gateway"));
        failure(p, request(1));
        clock.advance(Duration.ofSeconds(30));
        server.enqueue(status(502, "bad gateway"));
        failure(p, request(1));
        failure(p, request(1));
        assertEquals(2, server.getRequestCount());
    }

    @Test
    void aServerThatNeverAnswersFailsAtTheDeadline() throws Exception {
        server.enqueue(new MockResponse.Builder().headersDelay(30, TimeUnit.SECONDS).body(Responses.SGLANG).build());
        ServerPolicy p = policy(settings(ServerKind.VLLM, List.of(server.url("/")), 3, 5, Duration.ofMillis(400), ApiKey.NONE),
                InstantSource.system(), TruncatedTactics.DROP);
        PolicyUnavailableException e = failure(p, request(1));
        assertTrue(e.getMessage().contains("timed out"), e.getMessage());
    }

    @Test
    void aModelThatDisappearsGivesFailuresNotHangs() throws Exception {
        ServerPolicy p = policy(settings(ServerKind.VLLM, List.of(server.url("/")), 2, 3, Duration.ofSeconds(5), ApiKey.NONE),
                InstantSource.system(), TruncatedTactics.DROP);
        server.enqueue(ok(Responses.SGLANG));
        assertEquals(2, get(p, request(2)).candidates().size());
        server.close();
        for (int i = 0; i < 5; i++) {
            PolicyUnavailableException e = failure(p, request(2));
            assertTrue(e.getMessage().startsWith("model server unavailable: " + server.url("/")), e.getMessage());
        }
    }

    @Test
    void aClosedPolicyFailsRequestsInsteadOfThrowing() throws Exception {
        ServerPolicy p = policy(ServerKind.VLLM, 0);
        p.close();
        assertEquals("the model policy is closed", failure(p, request(1)).getMessage());
    }

    @Test
    void aBaseUrlWithAPathKeepsIt() throws Exception {
        server.enqueue(ok(Responses.SGLANG));
        HttpUrl base = ClientSettings.parseUrl(server.url("/prover/v1").toString());
        ServerPolicy p = policy(settings(ServerKind.SGLANG, List.of(base), 0, 5, Duration.ofSeconds(10), ApiKey.NONE),
                InstantSource.system(), TruncatedTactics.DROP);
        get(p, request(2));
        assertEquals("/prover/v1/completions", server.takeRequest().getUrl().encodedPath());
    }

    private static List<Candidate> rounded(List<Candidate> cs) {
        return cs.stream().map(c -> new Candidate(c.tactic(), Math.round(c.logProbSum() * 1e6) / 1e6, c.tokenCount())).toList();
    }

    @Test
    void noUsageFallsBackToOwnCounts() throws Exception {
        server.enqueue(ok("{\"choices\":[{\"index\":0,\"text\":\" simp\",\"logprobs\":{\"tokens\":[\" simp\"],"
                + "\"token_logprobs\":[0.0000001]},\"finish_reason\":\"stop\"}]}"));
        Suggestions s = get(policy(ServerKind.VLLM, 0), request(1));
        // A log-prob rounded above zero is clamped: the token was certain.
        assertEquals(List.of(new Candidate("simp", 0.0, 1)), s.candidates());
        assertEquals(0, s.promptTokens(), "characters are not tokens: no count is claimed");
        assertEquals(1, s.completionTokens());
        assertNotEquals(null, s);
    }
}
