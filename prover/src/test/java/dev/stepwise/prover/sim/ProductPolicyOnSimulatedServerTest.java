package dev.stepwise.prover.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepwise.prover.policy.client.ApiKey;
import dev.stepwise.prover.policy.client.BreakerSettings;
import dev.stepwise.prover.policy.client.ClientSettings;
import dev.stepwise.prover.policy.client.CompletionClient;
import dev.stepwise.prover.policy.client.LogprobScale;
import dev.stepwise.prover.policy.client.RetryPolicy;
import dev.stepwise.prover.policy.client.Sampling;
import dev.stepwise.prover.policy.client.ServerKind;
import dev.stepwise.prover.policy.client.ServerPolicy;
import dev.stepwise.prover.policy.client.TruncatedTactics;
import dev.stepwise.prover.policy.prompt.CharCounter;
import dev.stepwise.prover.policy.prompt.PromptBuilder;
import dev.stepwise.prover.policy.prompt.PromptTemplate;
import dev.stepwise.prover.sim.model.ModelDialect;
import dev.stepwise.prover.sim.model.SimulatedModelServer;
import dev.stepwise.prover.sim.world.Faults;
import dev.stepwise.search.Candidate;
import dev.stepwise.search.PolicyRequest;
import dev.stepwise.search.ProofState;
import dev.stepwise.search.StateHandle;
import dev.stepwise.search.Suggestions;
import dev.stepwise.search.Theorem;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

/** The product's own model client (OkHttp, retries, prompt template) against the simulated server, in each dialect. */
class ProductPolicyOnSimulatedServerTest {
    private static final Map<String, Double> S1_WEIGHTS = Map.of("nlinarith [h₁, h₀]", 2.0, "linarith", 1.0);

    private static Suggestions suggest(ModelDialect dialect, ServerKind kind, Faults faults) throws Exception {
        return suggest(dialect, kind, faults, LogprobScale.RAW);
    }

    private static Suggestions suggest(ModelDialect dialect, ServerKind kind, Faults faults, LogprobScale scale) throws Exception {
        OkHttpClient http = new OkHttpClient();
        try (SimulatedModelServer server = new SimulatedModelServer(TinyWorld.world(TinyWorld.noLatency(), faults), dialect, 3,
                InstantSource.system())) {
            server.start(0);
            ClientSettings settings = new ClientSettings(List.of(HttpUrl.get(server.url().toString())), kind, ApiKey.NONE,
                    new RetryPolicy(8, Duration.ofMillis(1), Duration.ofMillis(5)), new BreakerSettings(50, Duration.ofSeconds(30)),
                    Duration.ofSeconds(10), Duration.ZERO);
            CompletionClient client = new CompletionClient(http, settings, InstantSource.system(), new SplittableRandom(7));
            try (ServerPolicy policy = new ServerPolicy(new PromptBuilder(PromptTemplate.named("bfs-prover"), new CharCounter(), 4000),
                    Runnable::run, client, new Sampling(server.modelName(), 64, 1.0, TruncatedTactics.DROP, scale), Duration.ofSeconds(10))) {
                PolicyRequest request = new PolicyRequest(new Theorem("tiny", TinyWorld.HEADER, TinyWorld.STATEMENT),
                        new ProofState(new StateHandle() { }, TinyWorld.S1_GOAL, 1), List.of("have h₁ : 0 ≤ x ^ 2 := by positivity"),
                        8, 1.0, 11L);
                return policy.suggest(request).get(30, TimeUnit.SECONDS);
            }
        } finally {
            http.dispatcher().executorService().shutdown();
            http.connectionPool().evictAll();
        }
    }

    private static void assertWorldCandidates(Suggestions s) {
        assertFalse(s.candidates().isEmpty());
        for (Candidate c : s.candidates()) {
            Double w = S1_WEIGHTS.get(c.tactic());
            assertTrue(w != null, "not a tactic of the state: " + c.tactic());
            assertEquals(Math.log(w / 3.0), c.logProbSum(), 1e-6, c.tactic());
        }
    }

    @Test
    void vllmDialect() throws Exception {
        assertWorldCandidates(suggest(ModelDialect.VLLM, ServerKind.VLLM, Faults.none()));
    }

    @Test
    void sglangDialect() throws Exception {
        assertWorldCandidates(suggest(ModelDialect.SGLANG, ServerKind.SGLANG, Faults.none()));
    }

    @Test
    void llamaCppDialect() throws Exception {
        assertWorldCandidates(suggest(ModelDialect.LLAMA_CPP, ServerKind.LLAMA_CPP, Faults.none()));
    }

    @Test
    void llamaCppPostSamplingProbabilitiesAreReadAsLogProbs() throws Exception {
        // model.logprobs-mode=processed: llama-server is asked for post_sampling_probs and answers "prob" instead of
        // "logprob"; the client takes their logarithm, so the ranking is on the same (log) scale.
        assertWorldCandidates(suggest(ModelDialect.LLAMA_CPP, ServerKind.LLAMA_CPP, Faults.none(), LogprobScale.PROCESSED));
    }

    @Test
    void theClientRetriesThroughInjectedErrors() throws Exception {
        Faults errors = new Faults(0, 0, 0, 0, 0.3, 0.3, 0, 0, Duration.ZERO);
        assertWorldCandidates(suggest(ModelDialect.VLLM, ServerKind.VLLM, errors));
    }

    @Test
    void theClientRetriesThroughResponsesCutShort() throws Exception {
        // The simulator's "modelMalformed" fault: a 200 whose JSON stops halfway.
        Faults cut = new Faults(0, 0, 0, 0, 0, 0, 0, 0.6, Duration.ZERO);
        assertWorldCandidates(suggest(ModelDialect.VLLM, ServerKind.VLLM, cut));
    }
}
