package dev.stepwise.prover.iterate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stepwise.iteration.IterationException;
import dev.stepwise.iteration.ModelServing;
import dev.stepwise.iteration.PromptRenderer;
import dev.stepwise.iteration.TacticScorer;
import dev.stepwise.prover.critic.CriticPrompt;
import dev.stepwise.prover.policy.client.ApiKey;
import dev.stepwise.prover.policy.client.BreakerSettings;
import dev.stepwise.prover.policy.client.ClientSettings;
import dev.stepwise.prover.policy.client.CompletionClient;
import dev.stepwise.prover.policy.client.RetryPolicy;
import dev.stepwise.prover.policy.client.Sampling;
import dev.stepwise.prover.policy.client.ServerKind;
import dev.stepwise.prover.policy.client.ServerPolicy;
import dev.stepwise.prover.policy.client.TruncatedTactics;
import dev.stepwise.prover.policy.prompt.CharCounter;
import dev.stepwise.prover.policy.prompt.PromptBuilder;
import dev.stepwise.prover.policy.prompt.PromptTemplate;
import dev.stepwise.search.PolicyRequest;
import dev.stepwise.search.ProofState;
import dev.stepwise.search.StateHandle;
import dev.stepwise.search.Theorem;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.OptionalInt;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

/** Expert iteration's model-server adapters against mockwebserver3. */
class ModelServerAdaptersTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @StartStop
    final MockWebServer server = new MockWebServer();

    private final OkHttpClient http = new OkHttpClient();

    private ModelServerCalls calls() {
        return new ModelServerCalls(http, server.url("/"), new ApiKey("sk-secret"), JSON);
    }

    private dev.stepwise.prover.critic.PoolingCritic critic(String model) {
        return new dev.stepwise.prover.critic.PoolingCritic(http, server.url("/"), new ApiKey("sk-secret"), model,
                new RetryPolicy(0, Duration.ofMillis(1), Duration.ofMillis(1)));
    }

    private static MockResponse ok(String body) {
        return new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json").body(body).build();
    }

    @Test
    void scorerSumsTheLogProbsOfTheCompletionsEchoedTokens() throws Exception {
        // Prompt "⊢ x:::" is 6 characters; the completion " simp" starts at offset 6. The token ":::" ends
        // at 6 and is the prompt's; " si" and "mp" are the completion's; the generated token is not.
        server.enqueue(ok("""
                {"choices":[{"index":0,"text":"⊢ x::: simp\\n","logprobs":{
                  "tokens":["⊢"," x",":::"," si","mp","\\n"],
                  "token_logprobs":[null,-3.0,-0.5,-0.25,-0.75,-0.1],
                  "text_offset":[0,1,3,6,9,11]},"finish_reason":"length"}]}
                """));
        List<TacticScorer.Score> scores = new ServerTacticScorer(List.of(calls())).score("stepwise-round-1",
                List.of(new TacticScorer.Request("⊢ x:::", " simp")));
        assertEquals(List.of(new TacticScorer.Score(-1.0, 2)), scores);
        assertEquals(Math.exp(0.5), scores.get(0).perplexity(), 1e-12);
        RecordedRequest r = server.takeRequest(5, TimeUnit.SECONDS);
        assertEquals("/v1/completions", r.getUrl().encodedPath());
        assertEquals("Bearer sk-secret", r.getHeaders().get("Authorization"));
        JsonNode body = JSON.readTree(r.getBody().utf8());
        assertEquals("stepwise-round-1", body.get("model").asText());
        assertEquals("⊢ x::: simp", body.get("prompt").asText());
        assertEquals(true, body.get("echo").asBoolean());
        assertEquals(1, body.get("max_tokens").asInt());
        // SGLang echoes prompt log-probs only for a truthy logprobs: 1, never 0.
        assertEquals(1, body.get("logprobs").asInt());
    }

    @Test
    void aServerWithoutEchoedLogProbsIsAnEnvironmentErrorThatSaysWhatToDo() {
        server.enqueue(ok("{\"choices\":[{\"index\":0,\"text\":\"x\",\"logprobs\":null}]}"));
        IterationException e = assertThrows(IterationException.class, () -> new ServerTacticScorer(List.of(calls())).score("m",
                List.of(new TacticScorer.Request("p", "c"))));
        assertEquals(IterationException.Kind.ENVIRONMENT, e.kind());
        assertEquals("the model server at " + server.url("/v1/completions") + " returned no echoed log-probs;"
                + " the perplexity filter needs vLLM or SGLang (or set iterate.perplexity-drop-low and -high to 0)", e.getMessage());
    }

    @Test
    void loraAdaptersAreLoadedByNameAndALoadedNameCountsAsLoaded() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).body("Success: LoRA adapter 'stepwise-round-2' added successfully.").build());
        server.enqueue(new MockResponse.Builder().code(400).body(
                "{\"object\":\"error\",\"message\":\"The lora adapter 'stepwise-round-2' has already been loaded.\"}").build());
        server.enqueue(new MockResponse.Builder().code(404).body("{\"detail\":\"Not Found\"}").build());
        LoraAdapterServing serving = new LoraAdapterServing(List.of(calls()), ServerKind.VLLM);
        ModelServing.Checkpoint c = new ModelServing.Checkpoint("stepwise-round-2", Path.of("/data/round-0002/train/model"));
        serving.load(c);
        serving.load(c);
        JsonNode body = JSON.readTree(server.takeRequest(5, TimeUnit.SECONDS).getBody().utf8());
        assertEquals("stepwise-round-2", body.get("lora_name").asText());
        assertEquals("/data/round-0002/train/model", body.get("lora_path").asText());
        IterationException e = assertThrows(IterationException.class, () -> serving.load(c));
        assertEquals("could not load adapter stepwise-round-2 from /data/round-0002/train/model on 1 of 1 model servers: "
                + server.url("/") + " (the model server at " + server.url("/v1/load_lora_adapter")
                + " answered 404: {\"detail\":\"Not Found\"}). The path must be readable by the server host at that path.",
                e.getMessage());
    }

    @Test
    void trainingPromptsAreByteForByteThePromptsTheSearchSent() throws Exception {
        ClientSettings settings = new ClientSettings(List.of(server.url("/")), ServerKind.VLLM, ApiKey.NONE,
                new RetryPolicy(0, Duration.ofMillis(1), Duration.ofMillis(1)), new BreakerSettings(5, Duration.ofSeconds(30)),
                Duration.ofSeconds(10), Duration.ZERO);
        for (String template : PromptTemplate.builtInNames()) {
            // A budget small enough that the long state is cut: both sides must cut it the same way.
            PromptBuilder builder = new PromptBuilder(PromptTemplate.named(template), new CharCounter(), 260);
            Theorem theorem = new Theorem("pos_sq", "import Mathlib\n", "theorem pos_sq (x : ℝ) (h : 0 < x) : 0 < x ^ 2 := by");
            String state = "x : ℝ\n" + "h0 : 0 < x\n".repeat(30) + "⊢ 0 < x ^ 2";
            List<String> before = List.of("intro", "norm_num");
            try (ServerPolicy policy = new ServerPolicy(builder, Runnable::run,
                    new CompletionClient(http, settings, InstantSource.system(), new SplittableRandom(1)),
                    new Sampling("m", 32, 1.0, TruncatedTactics.DROP), Duration.ofSeconds(10))) {
                server.enqueue(ok("{\"choices\":[{\"index\":0,\"text\":\" simp\",\"logprobs\":{\"tokens\":[\" simp\"],"
                        + "\"token_logprobs\":[-0.5],\"text_offset\":[0]},\"finish_reason\":\"stop\"}],"
                        + "\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":1}}"));
                policy.suggest(new PolicyRequest(theorem, new ProofState(new StateHandle() { }, state, 1), before, 1, 1.0, 7))
                        .get(10, TimeUnit.SECONDS);
            }
            String sent = JSON.readTree(server.takeRequest(5, TimeUnit.SECONDS).getBody().utf8()).get("prompt").asText();
            PromptRenderer renderer = new TemplatePromptRenderer(builder, OptionalInt.empty(), CriticPrompt.INTERNLM25_STEPPROVER);
            assertEquals(sent, renderer.prompt(theorem, before, state), template);
            assertEquals(template, renderer.name());
            // Critic pairs are exported split where the search's critic input puts the state.
            var critic = dev.stepwise.prover.critic.CriticPrompt.INTERNLM25_STEPPROVER;
            assertEquals(critic.render(state), renderer.criticInput().before() + state + renderer.criticInput().after());
        }
    }

    @Test
    void criticScoresEveryStatementWithTheLastTokensRewardInTheServersOrderOfIndexes() throws Exception {
        // vLLM's pooling answers: a reward model's per-token list, a per-token list of lists, or one number.
        server.enqueue(ok("""
                {"object":"list","data":[
                  {"index":1,"object":"pooling","data":[[0.1],[0.2],[-1.5]]},
                  {"index":0,"object":"pooling","data":[0.3,0.9]},
                  {"index":2,"object":"pooling","data":4.0}]}
                """));
        List<Theorem> theorems = List.of(new Theorem("a", "import Mathlib", "theorem a : 1 = 1 := by"),
                new Theorem("b", "import Mathlib", "theorem b : 2 = 2 := by"),
                new Theorem("c", "import Mathlib", "theorem c : 3 = 3 := by"));
        assertEquals(List.of(0.9, -1.5, 4.0), new PoolingCriticScorer(critic("critic-1.8b")).score(theorems));
        RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
        assertEquals("/pooling", request.getTarget());
        var body = JSON.readTree(request.getBody().utf8());
        assertEquals("critic-1.8b", body.path("model").asText());
        assertEquals(List.of("theorem a : 1 = 1 := by", "theorem b : 2 = 2 := by", "theorem c : 3 = 3 := by"),
                JSON.convertValue(body.path("input"), List.class));
    }

    @Test
    void aCriticThatAnswersTooFewScoresIsAnEnvironmentErrorNamingTheUrl() {
        server.enqueue(ok("{\"data\":[{\"index\":0,\"data\":[0.5]}]}"));
        List<Theorem> two = List.of(new Theorem("a", "import Mathlib", "theorem a : 1 = 1 := by"),
                new Theorem("b", "import Mathlib", "theorem b : 2 = 2 := by"));
        var e = assertThrows(dev.stepwise.iteration.IterationException.class, () -> new PoolingCriticScorer(critic("")).score(two));
        assertEquals(dev.stepwise.iteration.IterationException.Kind.ENVIRONMENT, e.kind());
        assertEquals("the critic at " + server.url("/pooling") + " answered 1 results for 2 inputs (iterate.critic-url must"
                + " point to a reward model served with vLLM's pooling API)", e.getMessage());
    }
}
