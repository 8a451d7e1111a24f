package dev.stepwise.prover.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepwise.prover.policy.client.ApiKey;
import dev.stepwise.prover.policy.client.BreakerSettings;
import dev.stepwise.prover.policy.client.ClientSettings;
import dev.stepwise.prover.policy.client.CompletionClient;
import dev.stepwise.prover.policy.client.CompletionRequest;
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
import java.util.Set;
import java.util.SplittableRandom;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

/**
 * The product's completions client against the simulated server's {@code /v1/completions} with
 * DeepSeek-Prover-V1.5's whole-proof prompt (the file left open in a {@code lean4} fence): the
 * model continues the file with a proof walked through the world's graph and closes the fence,
 * and the release's extraction (the text before the first fence) takes a proof the graph knows.
 */
class WholeProofCompletionsOnSimulatedServerTest {
    private static final WholeProofInput TINY = new WholeProofInput(TinyWorld.HEADER, "", TinyWorld.STATEMENT);
    /** Every tactic line a walk through TinyWorld's graph can write (its timeouts and crashes are Lean's, never written). */
    private static final Set<String> GRAPH_TACTICS = Set.of("have h₁ : 0 ≤ x ^ 2 := by positivity", "positivity", "exact h₀",
            "linarth", "native_decide", "simp_all [show False from by assumption]", "nlinarith [h₁, h₀]", "linarith");

    private static Completions complete(String template, int n, int maxTokens) {
        OkHttpClient http = new OkHttpClient();
        try (SimulatedModelServer server = new SimulatedModelServer(TinyWorld.world(TinyWorld.noLatency(), Faults.none()),
                ModelDialect.VLLM, 3, InstantSource.system())) {
            server.start(0);
            ClientSettings settings = new ClientSettings(List.of(HttpUrl.get(server.url().toString())), ServerKind.VLLM,
                    ApiKey.NONE, new RetryPolicy(8, Duration.ofMillis(1), Duration.ofMillis(5)),
                    new BreakerSettings(50, Duration.ofSeconds(30)), Duration.ofSeconds(10), Duration.ZERO);
            try (CompletionClient client = new CompletionClient(http, settings, InstantSource.system(), new SplittableRandom(7))) {
                var prompt = (WholeProofPrompt.Completion) WholeProofTemplate.named(template).render(TINY);
                return client.complete(new CompletionRequest(server.modelName(), prompt.prompt(), n, maxTokens, 1.0, 0.95, 11L,
                        List.of()), Duration.ofSeconds(10));
            }
        } finally {
            http.dispatcher().executorService().shutdown();
            http.connectionPool().evictAll();
        }
    }

    @Test
    void deepSeekProverV15sPromptIsContinuedWithAWholeProofAndAClosedFence() {
        Completions c = complete("deepseek-prover-v1.5", 12, 2048);
        assertEquals(12, c.samples().size());
        WholeProofTemplate t = WholeProofTemplate.named("deepseek-prover-v1.5");
        for (Sample s : c.samples()) {
            assertEquals(FinishReason.STOP, s.finish(), s.text());
            assertTrue(s.text().startsWith("  ") && s.text().endsWith("\n```"), s.text());
            String code = t.code(TINY, s.text()).orElseThrow(() -> new AssertionError("no code in " + s.text()));
            // The release joins its prompt's file and the continuation: header, statement, then the proof lines.
            String file = TinyWorld.HEADER + TinyWorld.STATEMENT + "\n";
            assertTrue(code.startsWith(file), code);
            List<String> lines = code.substring(file.length()).lines().toList();
            assertFalse(lines.isEmpty(), code);
            for (String line : lines) {
                assertTrue(line.startsWith("  ") && GRAPH_TACTICS.contains(line.strip()), "not a tactic of the graph: " + line);
            }
            // Log-probs of the raw distribution: a walk the graph gives probability < 1 costs something.
            assertTrue(s.logProbSum() < 0, s.toString());
        }
        assertTrue(c.completionTokens() > 0 && c.promptTokens() > 0, c.toString());
    }

    @Test
    void aContinuationCutAtMaxTokensSaysSo() {
        Completions c = complete("deepseek-prover-v1.5", 2, 3);
        for (Sample s : c.samples()) {
            assertEquals(FinishReason.LENGTH, s.finish(), s.text());
            assertFalse(s.text().contains("```"), s.text());
        }
        assertEquals(6, c.completionTokens());
    }
}
