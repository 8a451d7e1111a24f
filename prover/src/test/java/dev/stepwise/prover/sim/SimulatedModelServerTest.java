package dev.stepwise.prover.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stepwise.prover.policy.prompt.PromptInput;
import dev.stepwise.prover.policy.prompt.PromptTemplate;
import dev.stepwise.prover.sim.model.ModelDialect;
import dev.stepwise.prover.sim.model.SimulatedModelServer;
import dev.stepwise.prover.sim.train.SimulatedTrainer;
import dev.stepwise.prover.sim.world.Faults;
import dev.stepwise.prover.sim.world.Latency;
import dev.stepwise.prover.sim.world.World;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulatedModelServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> ROOT_TACTICS = Set.of("have h₁ : 0 ≤ x ^ 2 := by positivity", "positivity", "exact h₀",
            "linarth", "native_decide", "simp_all [show False from by assumption]");
    private final HttpClient http = HttpClient.newHttpClient();
    private final List<SimulatedModelServer> servers = new ArrayList<>();

    @AfterEach
    void stop() {
        servers.forEach(SimulatedModelServer::close);
        http.close();
    }

    private SimulatedModelServer start(World world, ModelDialect dialect) {
        SimulatedModelServer s = new SimulatedModelServer(world, dialect, 99, InstantSource.fixed(Instant.EPOCH));
        servers.add(s);
        s.start(0);
        return s;
    }

    private HttpResponse<String> post(SimulatedModelServer s, String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(s.url() + path)).POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode complete(SimulatedModelServer s, String body) throws Exception {
        HttpResponse<String> r = post(s, "/v1/completions", body);
        assertEquals(200, r.statusCode(), r.body());
        return JSON.readTree(r.body());
    }

    private static String body(Object prompt, int n, String extra) throws IOException {
        return "{\"model\": \"sim-model\", \"prompt\": " + JSON.writeValueAsString(prompt) + ", \"n\": " + n
                + ", \"max_tokens\": 64, \"temperature\": 1.0, \"logprobs\": 1" + extra + "}";
    }

    @Test
    void findsTheStateInAnyTemplateAndSamplesItsTactics() throws Exception {
        SimulatedModelServer s = start(TinyWorld.world(), ModelDialect.VLLM);
        // A template that re-indents the goal and wraps it: the state must still be found.
        String prompt = "[GOAL]\n  x : ℝ\n  h₀ : 0 < x\n  ⊢ 0 < x ^ 2 + x\n[PROOFSTEP]\n";
        JsonNode r = complete(s, body(prompt, 16, ""));
        assertEquals("text_completion", r.path("object").asText());
        assertEquals(true, r.path("simulated").asBoolean());
        assertEquals(16, r.path("choices").size());
        for (JsonNode c : r.path("choices")) {
            assertTrue(ROOT_TACTICS.contains(c.path("text").asText()), c.path("text").asText());
            JsonNode lp = c.path("logprobs");
            assertEquals(lp.path("tokens").size(), lp.path("token_logprobs").size());
            assertEquals(c.path("text").asText(), String.join("", JSON.convertValue(lp.path("tokens"), String[].class)));
            assertTrue(lp.path("top_logprobs").get(0).has(lp.path("tokens").get(0).asText()), "sampled token in top_logprobs");
            assertEquals("stop", c.path("finish_reason").asText());
        }
    }

    @Test
    void findsTheStateInEveryShippedPromptTemplate() throws Exception {
        SimulatedModelServer s = start(TinyWorld.world(), ModelDialect.VLLM);
        for (String name : PromptTemplate.builtInNames()) {
            PromptTemplate template = PromptTemplate.named(name);
            String prompt = template.render(new PromptInput("tiny", TinyWorld.HEADER,
                    List.of("have h₁ : 0 ≤ x ^ 2 := by positivity"), TinyWorld.S1_GOAL));
            JsonNode r = complete(s, body(prompt, 8, ""));
            for (JsonNode c : r.path("choices")) {
                // A thinking template's reply is a thought, then the fenced tactic: the template reads the tactic back.
                String tactic = template.thinks() ? template.tacticFrom(c.path("text").asText()).orElseThrow() : c.path("text").asText();
                assertTrue(Set.of("nlinarith [h₁, h₀]", "linarith").contains(tactic), name + ": " + c.path("text").asText());
            }
        }
    }

    @Test
    void aStateShortenedToFitTheBudgetIsStillFound() throws Exception {
        SimulatedModelServer s = start(TinyWorld.world(), ModelDialect.VLLM);
        String shortened = "[GOAL]\nh₀ : 0 < x\nh₁ : 0 ≤ x ^ 2\n⊢ 0 < x ^ 2 + x\n[PROOFSTEP]\n";
        for (JsonNode c : complete(s, body(shortened, 8, "")).path("choices")) {
            assertTrue(Set.of("nlinarith [h₁, h₀]", "linarith").contains(c.path("text").asText()), c.path("text").asText());
        }
    }

    @Test
    void logProbabilitiesAreConsistentAcrossDraws() throws Exception {
        SimulatedModelServer s = start(TinyWorld.world(), ModelDialect.VLLM);
        JsonNode r = complete(s, body(TinyWorld.ROOT_GOAL, 32, ""));
        double total = 3 + 1 + 1 + 0.5 + 0.5 + 0.5;
        for (JsonNode c : r.path("choices")) {
            double sum = 0;
            for (JsonNode v : c.path("logprobs").path("token_logprobs")) {
                sum += v.asDouble();
            }
            double expected = switch (c.path("text").asText()) {
                case "have h₁ : 0 ≤ x ^ 2 := by positivity" -> Math.log(3 / total);
                case "positivity", "exact h₀" -> Math.log(1 / total);
                default -> Math.log(0.5 / total);
            };
            assertEquals(expected, sum, 1e-9, c.path("text").asText());
        }
    }

    @Test
    void listPromptsComePromptMajorAndUnknownStatesGetWrongTactics() throws Exception {
        SimulatedModelServer s = start(TinyWorld.world(), ModelDialect.VLLM);
        JsonNode r = complete(s, body(List.of(TinyWorld.S1_GOAL, "⊢ 1 = 2"), 3, ""));
        assertEquals(6, r.path("choices").size());
        for (int i = 0; i < 6; i++) {
            JsonNode c = r.path("choices").get(i);
            assertEquals(i, c.path("index").asInt());
            Set<String> allowed = i < 3 ? Set.of("nlinarith [h₁, h₀]", "linarith") : Set.of("norm_num", "simp");
            assertTrue(allowed.contains(c.path("text").asText()), i + ": " + c.path("text").asText());
        }
    }

    @Test
    void aSeedRepeatsTheDrawsAndStopAndMaxTokensCut() throws Exception {
        SimulatedModelServer s = start(TinyWorld.world(), ModelDialect.VLLM);
        JsonNode a = complete(s, body(TinyWorld.ROOT_GOAL, 8, ", \"seed\": 7"));
        JsonNode b = complete(s, body(TinyWorld.ROOT_GOAL, 8, ", \"seed\": 7"));
        assertEquals(a.path("choices"), b.path("choices"));
        JsonNode cut = complete(s, body(TinyWorld.S1_GOAL, 20, ", \"stop\": [\",\"]"));
        for (JsonNode c : cut.path("choices")) {
            if (c.path("text").asText().startsWith("nlinarith")) {
                assertEquals("nlinarith [h₁", c.path("text").asText());
                assertEquals(",", c.path("stop_reason").asText());
            }
        }
        JsonNode shortOnes = complete(s, "{\"prompt\": " + JSON.writeValueAsString(TinyWorld.S1_GOAL)
                + ", \"n\": 4, \"max_tokens\": 1, \"temperature\": 0}");
        for (JsonNode c : shortOnes.path("choices")) {
            assertEquals("nlinar", c.path("text").asText(), "greedy at temperature 0, cut to one token");
            assertEquals("length", c.path("finish_reason").asText());
        }
    }

    @Test
    void aLoadedAdapterMakesTrainedPairsLikelier(@TempDir Path dir) throws Exception {
        SimulatedModelServer s = start(TinyWorld.world(), ModelDialect.VLLM);
        Path train = dir.resolve("train.jsonl");
        Files.writeString(train, JSON.writeValueAsString(java.util.Map.of("prompt", "state:\n" + TinyWorld.ROOT_GOAL + "\n:::",
                "completion", "positivity")) + "\n");
        new SimulatedTrainer().train(train, "sim-model", null, dir.resolve("adapter"), 4.0);
        HttpResponse<String> load = post(s, "/v1/load_lora_adapter",
                "{\"lora_name\": \"round1\", \"lora_path\": " + JSON.writeValueAsString(dir.resolve("adapter").toString()) + "}");
        assertEquals(200, load.statusCode(), load.body());
        assertTrue(load.body().startsWith("Success: LoRA adapter 'round1' added successfully."), load.body());
        assertEquals(400, post(s, "/v1/load_lora_adapter", "{\"lora_name\": \"round1\", \"lora_path\": \"x\"}").statusCode());
        int before = count(complete(s, body(TinyWorld.ROOT_GOAL, 200, ", \"seed\": 1")), "positivity");
        int after = count(complete(s, body(TinyWorld.ROOT_GOAL, 200, ", \"seed\": 1").replace("sim-model", "round1")), "positivity");
        assertTrue(after > 2 * before, "positivity drawn " + before + " times before, " + after + " after");
        JsonNode models = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(s.url() + "/v1/models")).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        assertEquals(List.of("sim-model", "round1"), models.path("data").findValuesAsText("id"));
        assertEquals(200, post(s, "/v1/unload_lora_adapter", "{\"lora_name\": \"round1\"}").statusCode());
        HttpResponse<String> gone = post(s, "/v1/completions", body(TinyWorld.ROOT_GOAL, 1, "").replace("sim-model", "round1"));
        assertEquals(404, gone.statusCode());
        assertEquals("The model `round1` does not exist.", JSON.readTree(gone.body()).path("message").asText());
    }

    @Test
    void requestsBeyondCapacityQueue() throws Exception {
        Latency slow = new Latency(Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO,
                Duration.ofMillis(100), Duration.ZERO, 2);
        SimulatedModelServer s = start(TinyWorld.world(slow, Faults.none()), ModelDialect.VLLM);
        List<CompletableFuture<HttpResponse<String>>> all = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            all.add(http.sendAsync(HttpRequest.newBuilder(URI.create(s.url() + "/v1/completions"))
                    .POST(HttpRequest.BodyPublishers.ofString(body(TinyWorld.ROOT_GOAL, 1, ", \"seed\": " + i))).build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        for (var f : all) {
            assertEquals(200, f.get().statusCode());
        }
        assertEquals(8, s.stats().served());
        assertEquals(2, s.stats().mostConcurrent());
    }

    @Test
    void injectedErrorsAreDeterministicPerSeed() throws Exception {
        Faults some = new Faults(0, 0, 0, 0, 0.3, 0.3, 0, 0.3, Duration.ZERO);
        SimulatedModelServer a = start(TinyWorld.world(TinyWorld.noLatency(), some), ModelDialect.VLLM);
        SimulatedModelServer b = start(TinyWorld.world(TinyWorld.noLatency(), some), ModelDialect.VLLM);
        List<Integer> codesA = new ArrayList<>();
        List<Integer> codesB = new ArrayList<>();
        Set<String> kinds = new HashSet<>();
        for (int i = 0; i < 40; i++) {
            HttpResponse<String> ra = post(a, "/v1/completions", body(TinyWorld.ROOT_GOAL, 1, ""));
            HttpResponse<String> rb = post(b, "/v1/completions", body(TinyWorld.ROOT_GOAL, 1, ""));
            codesA.add(ra.statusCode());
            codesB.add(rb.statusCode());
            if (ra.statusCode() == 200) {
                try {
                    JSON.readTree(ra.body());
                    kinds.add("ok");
                } catch (IOException e) {
                    kinds.add("malformed");
                }
            } else {
                kinds.add(String.valueOf(ra.statusCode()));
            }
        }
        assertEquals(codesA, codesB);
        assertEquals(Set.of("ok", "malformed", "429", "500"), kinds);
    }

    @Test
    void dialectsDiffer() throws Exception {
        SimulatedModelServer sglang = start(TinyWorld.world(), ModelDialect.SGLANG);
        JsonNode r = complete(sglang, body(TinyWorld.ROOT_GOAL, 2, ""));
        for (JsonNode c : r.path("choices")) {
            for (JsonNode off : c.path("logprobs").path("text_offset")) {
                assertEquals(-1, off.asInt());
            }
            assertTrue(c.has("matched_stop"));
        }
        assertEquals(404, post(sglang, "/v1/load_lora_adapter", "{}").statusCode());
        assertEquals(422, post(sglang, "/load_lora_adapter", "{}").statusCode());
        SimulatedModelServer llama = start(TinyWorld.world(), ModelDialect.LLAMA_CPP);
        assertEquals(400, post(llama, "/v1/completions", body(TinyWorld.ROOT_GOAL, 2, "")).statusCode());
        JsonNode one = complete(llama, body(TinyWorld.ROOT_GOAL, 1, ""));
        JsonNode content = one.path("choices").get(0).path("logprobs").path("content");
        assertNotEquals(0, content.size());
        assertTrue(content.get(0).has("bytes"));
    }

    @Test
    void badRequestsNameTheField() throws Exception {
        SimulatedModelServer s = start(TinyWorld.world(), ModelDialect.VLLM);
        HttpResponse<String> r = post(s, "/v1/completions", "{\"prompt\": \"x\", \"n\": 0}");
        assertEquals(400, r.statusCode());
        assertEquals("n must be at least 1, got 0", JSON.readTree(r.body()).path("message").asText());
        assertThrows(IllegalArgumentException.class, () -> new Latency(Duration.ZERO, Duration.ZERO, Duration.ZERO,
                Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO, 0));
    }

    private static int count(JsonNode r, String text) {
        int n = 0;
        for (JsonNode c : r.path("choices")) {
            n += c.path("text").asText().equals(text) ? 1 : 0;
        }
        return n;
    }

    /** The sum of the echoed log-probs of the tokens from code point {@code from} on, and checks the echo's shape. */
    private double echoedFrom(SimulatedModelServer s, String prompt, int from) throws Exception {
        JsonNode r = complete(s, "{\"model\": \"sim-model\", \"prompt\": " + JSON.writeValueAsString(prompt)
                + ", \"max_tokens\": 1, \"temperature\": 0, \"echo\": true, \"logprobs\": 0}");
        JsonNode choice = r.path("choices").path(0);
        assertTrue(choice.path("text").asText().startsWith(prompt), choice.toString());
        JsonNode values = choice.path("logprobs").path("token_logprobs");
        JsonNode offsets = choice.path("logprobs").path("text_offset");
        assertTrue(values.get(0).isNull(), "the first echoed token has no log-prob, as in vLLM");
        assertEquals(values.size(), offsets.size());
        double sum = 0;
        for (int i = 1; i < values.size(); i++) {
            assertTrue(offsets.get(i).asInt() > offsets.get(i - 1).asInt());
            if (offsets.get(i).asInt() >= from && offsets.get(i).asInt() < prompt.codePointCount(0, prompt.length())) {
                sum += values.get(i).asDouble();
            }
        }
        return sum;
    }

    @Test
    void echoedPromptsCarryTheLogProbOfTheTacticTheyEndWith() throws Exception {
        SimulatedModelServer s = start(TinyWorld.world(), ModelDialect.VLLM);
        String prompt = TinyWorld.ROOT_GOAL + ":::";
        int from = prompt.codePointCount(0, prompt.length());
        // At the root "have h₁ …" weighs 3 and "positivity" 1: their echoed log-probs differ by exactly log 3.
        double have = echoedFrom(s, prompt + "have h₁ : 0 ≤ x ^ 2 := by positivity", from);
        double positivity = echoedFrom(s, prompt + "positivity", from);
        assertEquals(Math.log(3), have - positivity, 1e-9);
        assertTrue(positivity < 0);
    }
}
