package dev.stepwise.prover.iterate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stepwise.iteration.IterationException;
import dev.stepwise.iteration.TacticStep;
import dev.stepwise.iteration.ThoughtWriter;
import dev.stepwise.prover.critic.CriticPrompt;
import dev.stepwise.prover.policy.client.ApiKey;
import dev.stepwise.prover.policy.prompt.CharCounter;
import dev.stepwise.prover.policy.prompt.PromptBuilder;
import dev.stepwise.prover.policy.prompt.PromptTemplate;
import dev.stepwise.prover.policy.prompt.RetrospectivePrompt;
import dev.stepwise.prover.rounds.StepThoughtRepository;
import dev.stepwise.prover.store.Store;
import dev.stepwise.search.Theorem;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.OptionalInt;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Retrospective thoughts from a completions server: batched requests, greedy, cached by (state, tactic). */
class ServerThoughtWriterTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Theorem T = new Theorem("t", "import Mathlib\n", "theorem t (x : ℝ) (h : 0 < x) : 0 < x ^ 2 := by");

    @StartStop
    final MockWebServer server = new MockWebServer();

    @TempDir
    Path dir;

    private static TacticStep step(String state, String tactic) {
        return new TacticStep("t", "a1", T, List.of(), state, tactic, "");
    }

    private static MockResponse choices(String... texts) {
        StringBuilder b = new StringBuilder("{\"choices\":[");
        // Answered out of order: the writer goes by index.
        for (int i = texts.length - 1; i >= 0; i--) {
            b.append("{\"index\":").append(i).append(",\"text\":").append(JSON.valueToTree(texts[i]).toString())
                    .append(",\"finish_reason\":\"stop\"}").append(i > 0 ? "," : "");
        }
        return new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json").body(b + "]}").build();
    }

    private ServerThoughtWriter writer(Store store, int batch) {
        return new ServerThoughtWriter(new ModelServerCalls(new OkHttpClient(), server.url("/"), ApiKey.NONE, JSON), "general",
                RetrospectivePrompt.builtIn(), batch, 128, new StepThoughtRepository(store),
                new TemplatePromptRenderer(new PromptBuilder(PromptTemplate.named("lean-star"), new CharCounter(), 4000),
                        OptionalInt.empty(), CriticPrompt.INTERNLM25_STEPPROVER),
                InstantSource.fixed(Instant.parse("2026-12-03T12:00:00Z")));
    }

    @Test
    void stepsAreAskedInBatchesAndACachedStepIsNeverAskedAgain() throws Exception {
        try (Store store = Store.open(dir.resolve("s.db"), Duration.ofSeconds(5))) {
            ServerThoughtWriter w = writer(store, 2);
            server.enqueue(choices(" A square of a positive number is positive.\n---\nTactic: more", "Square it."));
            server.enqueue(choices("Close it by arithmetic."));
            List<TacticStep> steps = List.of(step("⊢ 0 < x ^ 2", "positivity"), step("⊢ 0 < x * x", "nlinarith [h]"),
                    step("⊢ 0 < x ^ 2", "positivity"), step("⊢ 1 = 1", "rfl"));
            ThoughtWriter.Written first = w.write(steps);
            assertEquals(List.of("A square of a positive number is positive.", "Square it.",
                    "A square of a positive number is positive.", "Close it by arithmetic."), first.thoughts());
            assertEquals(0, first.fromCache());
            assertEquals(2, server.getRequestCount(), "three distinct steps in batches of two");

            RecordedRequest r = server.takeRequest();
            JsonNode body = JSON.readTree(r.getBody().utf8());
            assertEquals("/v1/completions", r.getUrl().encodedPath());
            assertEquals("general", body.path("model").asText());
            assertEquals(2, body.path("prompt").size());
            assertEquals(RetrospectivePrompt.builtIn().render("⊢ 0 < x ^ 2", "positivity"), body.path("prompt").get(0).asText());
            assertEquals(0.0, body.path("temperature").asDouble());
            assertEquals(1, body.path("n").asInt());
            assertEquals("\n---", body.path("stop").get(0).asText());

            // Again, with one new step: only that one is asked.
            server.enqueue(choices("Rewrite first."));
            ThoughtWriter.Written again = w.write(List.of(step("⊢ 0 < x * x", "nlinarith [h]"), step("⊢ a = b", "rw [h]")));
            assertEquals(List.of("Square it.", "Rewrite first."), again.thoughts());
            assertEquals(1, again.fromCache());
            assertEquals(3, server.getRequestCount());
            assertEquals(java.util.Optional.of("A square of a positive number is positive."),
                    new StepThoughtRepository(store).find("⊢ 0 < x ^ 2", "positivity"));
            assertEquals("lean-star", w.renderer().name());
            assertEquals("Square it.\n```lean4\nnlinarith [h]\n```", w.renderer().completion("Square it.", "nlinarith [h]"));
        }
    }

    @Test
    void aServerThatAnswersFewerChoicesThanPromptsIsNamed() throws Exception {
        try (Store store = Store.open(dir.resolve("s.db"), Duration.ofSeconds(5))) {
            server.enqueue(choices("Only one."));
            IterationException e = assertThrows(IterationException.class,
                    () -> writer(store, 4).write(List.of(step("⊢ a", "simp"), step("⊢ b", "ring"))));
            assertTrue(e.getMessage().endsWith("answered no choice for prompt 1 of 2 (a server that takes one prompt per request"
                    + " cannot batch; set iterate.thoughts-batch=1)"), e.getMessage());
            // Nothing of the failed batch is cached.
            assertEquals(java.util.Optional.empty(), new StepThoughtRepository(store).find("⊢ a", "simp"));
        }
    }
}
