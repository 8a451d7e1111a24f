package dev.stepwise.prover.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepwise.prover.policy.client.ApiKey;
import dev.stepwise.prover.policy.client.BreakerSettings;
import dev.stepwise.prover.policy.client.ChatRequest;
import dev.stepwise.prover.policy.client.ClientSettings;
import dev.stepwise.prover.policy.client.CompletionClient;
import dev.stepwise.prover.policy.client.Completions;
import dev.stepwise.prover.policy.client.FinishReason;
import dev.stepwise.prover.policy.client.RetryPolicy;
import dev.stepwise.prover.policy.client.Sample;
import dev.stepwise.prover.policy.client.ServerKind;
import dev.stepwise.prover.policy.prompt.WholeProofInput;
import dev.stepwise.prover.policy.prompt.WholeProofPrompt;
import dev.stepwise.prover.policy.prompt.WholeProofTemplate;
import dev.stepwise.prover.sim.model.ModelDialect;
import dev.stepwise.prover.sim.model.SimulatedModelServer;
import dev.stepwise.prover.sim.world.Faults;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.SplittableRandom;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

/**
 * The product's chat client against the simulated server's {@code /v1/chat/completions}: n whole
 * proofs per request (split into one-reply requests for llama-server), replies the released
 * extraction takes a proof from, a reply cut at {@code max_tokens} reported as such, and retries
 * through the world's 500s.
 */
class ChatClientOnSimulatedServerTest {
    private static final WholeProofInput TINY = new WholeProofInput(TinyWorld.HEADER, "", TinyWorld.STATEMENT);

    private static Completions chat(ModelDialect dialect, ServerKind kind, Faults faults, String template, int n, int maxTokens) {
        OkHttpClient http = new OkHttpClient();
        try (SimulatedModelServer server = new SimulatedModelServer(TinyWorld.world(TinyWorld.noLatency(), faults), dialect, 3,
                InstantSource.system())) {
            server.start(0);
            ClientSettings settings = new ClientSettings(List.of(HttpUrl.get(server.url().toString())), kind, ApiKey.NONE,
                    new RetryPolicy(8, Duration.ofMillis(1), Duration.ofMillis(5)), new BreakerSettings(50, Duration.ofSeconds(30)),
                    Duration.ofSeconds(10), Duration.ZERO);
            try (CompletionClient client = new CompletionClient(http, settings, InstantSource.system(), new SplittableRandom(7))) {
                var prompt = (WholeProofPrompt.Chat) WholeProofTemplate.named(template).render(TINY);
                return client.chat(new ChatRequest(server.modelName(), prompt.messages(), n, maxTokens, 1.0, 0.95, 11L),
                        Duration.ofSeconds(10));
            }
        } finally {
            http.dispatcher().executorService().shutdown();
            http.connectionPool().evictAll();
        }
    }

    private static void assertWholeProofs(Completions c, String template, int n) {
        assertEquals(n, c.samples().size());
        WholeProofTemplate t = WholeProofTemplate.named(template);
        for (Sample s : c.samples()) {
            assertEquals(FinishReason.STOP, s.finish());
            String code = t.code(TINY, s.text()).orElseThrow(() -> new AssertionError("no code in " + s.text()));
            assertTrue(code.contains(TinyWorld.STATEMENT), code);
        }
        assertTrue(c.completionTokens() > 0 && c.promptTokens() > 0, c.toString());
    }

    @Test
    void vllmAnswersNProofsInOneRequest() {
        assertWholeProofs(chat(ModelDialect.VLLM, ServerKind.VLLM, Faults.none(), "deepseek-prover-v2", 5, 4096),
                "deepseek-prover-v2", 5);
    }

    @Test
    void llamaServerGetsOneRequestPerProof() {
        assertWholeProofs(chat(ModelDialect.LLAMA_CPP, ServerKind.LLAMA_CPP, Faults.none(), "kimina-prover", 3, 4096),
                "kimina-prover", 3);
    }

    @Test
    void theWorldsServerErrorsAreRetried() {
        Faults flaky = new Faults(0, 0, 0, 0, 0, 0.5, 0, 0, Duration.ZERO);
        assertWholeProofs(chat(ModelDialect.VLLM, ServerKind.VLLM, flaky, "goedel-prover-v2", 2, 4096), "goedel-prover-v2", 2);
    }

    @Test
    void aReplyCutAtMaxTokensSaysSoAndHoldsNoProof() {
        Completions c = chat(ModelDialect.VLLM, ServerKind.VLLM, Faults.none(), "goedel-prover-v2", 2, 30);
        for (Sample s : c.samples()) {
            assertEquals(FinishReason.LENGTH, s.finish());
            assertTrue(WholeProofTemplate.named("goedel-prover-v2").code(TINY, s.text()).isEmpty(), s.text());
        }
        assertEquals(60, c.completionTokens());
    }
}
