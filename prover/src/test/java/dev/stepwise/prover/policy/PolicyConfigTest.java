package dev.stepwise.prover.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepwise.prover.config.ConfigException;
import dev.stepwise.prover.config.ConfigSchema;
import dev.stepwise.prover.config.Settings;
import dev.stepwise.prover.config.SettingsLoader;
import dev.stepwise.prover.policy.client.ServerKind;
import dev.stepwise.prover.policy.client.TruncatedTactics;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyConfigTest {
    @TempDir
    Path dir;

    private PolicyConfig config(Map<String, String> flags) {
        Settings s = new SettingsLoader(ConfigSchema.standard()).load(null, dir, Map.of(), flags);
        return PolicyConfig.from(s, dir::resolve);
    }

    @Test
    void withoutAnEndpointThePortfolioIsUsed() {
        assertInstanceOf(PolicyConfig.Portfolio.class, config(Map.of()));
        assertInstanceOf(PolicyConfig.Portfolio.class, config(Map.of("model.url", "http://127.0.0.1:8000", "policy.kind", "portfolio")));
    }

    @Test
    void anEndpointSelectsTheServerPolicyWithEveryKey() {
        PolicyConfig.Server s = assertInstanceOf(PolicyConfig.Server.class, config(Map.of(
                "model.url", "http://10.0.0.5:8000, http://10.0.0.6:8000",
                "model.name", "ByteDance-Seed/BFS-Prover-V2-7B",
                "model.server", "sglang",
                "model.api-key", "sk-abc",
                "model.template", "internlm25-stepprover",
                "model.tokenizer", "models/tokenizer.json",
                "model.prompt-budget", "2048",
                "model.keep-truncated", "true",
                "model.request-timeout", "45s",
                "model.max-in-flight", "128")));
        assertEquals(List.of("http://10.0.0.5:8000/", "http://10.0.0.6:8000/"),
                s.client().urls().stream().map(Object::toString).toList());
        assertEquals(ServerKind.SGLANG, s.client().kind());
        assertEquals("sk-abc", s.client().apiKey().value());
        assertEquals("internlm25-stepprover", s.template().name());
        assertEquals(new PromptBudget.Tokens(dir.resolve("models/tokenizer.json"), 2048), s.budget());
        assertEquals(TruncatedTactics.KEEP, s.sampling().truncated());
        assertEquals(Duration.ofSeconds(45), s.client().requestTimeout());
        assertEquals(128, s.maxInFlight());
        assertEquals(256, s.sampling().maxTokens());
    }

    @Test
    void withoutATokenizerTheBudgetIsInCharacters() {
        PolicyConfig.Server s = assertInstanceOf(PolicyConfig.Server.class,
                config(Map.of("model.url", "http://127.0.0.1:8080", "model.server", "llama-cpp")));
        assertEquals(new PromptBudget.Chars(43008), s.budget());
        assertEquals("bfs-prover", s.template().name());
    }

    @Test
    void inconsistentSettingsNameTheKey() {
        assertEquals("policy.kind is server but model.url is empty; set model.url to the server, e.g. --set model.url=http://127.0.0.1:8000",
                assertThrows(ConfigException.class, () -> config(Map.of("policy.kind", "server"))).getMessage());
        assertTrue(assertThrows(ConfigException.class, () -> config(Map.of("model.url", "http://h:1"))).getMessage()
                .startsWith("model.name is empty"));
        assertEquals("model.url 'gpu-host:8000' is not an http(s) URL such as http://127.0.0.1:8000",
                assertThrows(ConfigException.class, () -> config(Map.of("model.url", "gpu-host:8000", "model.name", "m"))).getMessage());
        assertEquals("model.template is custom but model.template-text is empty",
                assertThrows(ConfigException.class, () -> config(Map.of("model.url", "http://h:1", "model.name", "m",
                        "model.template", "custom"))).getMessage());
        assertEquals("model.template-text: template has an unknown placeholder {goal}; known: {state} {name} {proof_before} {header}",
                assertThrows(ConfigException.class, () -> config(Map.of("model.url", "http://h:1", "model.name", "m",
                        "model.template", "custom", "model.template-text", "{goal}"))).getMessage());
        assertTrue(assertThrows(ConfigException.class, () -> config(Map.of("model.template", "gpt4"))).getMessage()
                .contains("model.template must be bfs-prover, internlm25-stepprover, internlm2-stepprover, reprover-vllm,"
                        + " reprover-byt5, lean-star or custom"));
    }

    @Test
    void lengthsDefaultToTheReleasedSettingsOfTheTemplateAndASetValueWins() {
        // BFS-Prover-V2's released search: 2048 tactic tokens in a 16384-token context.
        PolicyConfig.Server bfs = assertInstanceOf(PolicyConfig.Server.class, config(Map.of(
                "model.url", "http://h:1", "model.name", "m")));
        assertEquals(2048, bfs.sampling().maxTokens());
        assertEquals(new PromptBudget.Chars(3 * 14336), bfs.budget());
        PolicyConfig.Server bfsTokens = assertInstanceOf(PolicyConfig.Server.class, config(Map.of(
                "model.url", "http://h:1", "model.name", "m", "model.tokenizer", "tok.json")));
        assertEquals(new PromptBudget.Tokens(dir.resolve("tok.json"), 16384 - 2048), bfsTokens.budget());
        // InternLM-Math's released step-prover search samples 256 tokens.
        PolicyConfig.Server internlm = assertInstanceOf(PolicyConfig.Server.class, config(Map.of(
                "model.url", "http://h:1", "model.name", "m", "model.template", "internlm2-stepprover")));
        assertEquals(256, internlm.sampling().maxTokens());
        // ReProver's ByT5 generator: 2300 input tokens, 512 output tokens.
        PolicyConfig.Server byt5 = assertInstanceOf(PolicyConfig.Server.class, config(Map.of(
                "model.url", "http://h:1", "model.name", "m", "model.template", "reprover-byt5", "model.tokenizer", "t.json")));
        assertEquals(512, byt5.sampling().maxTokens());
        assertEquals(new PromptBudget.Tokens(dir.resolve("t.json"), 2300), byt5.budget());
        PolicyConfig.Server set = assertInstanceOf(PolicyConfig.Server.class, config(Map.of(
                "model.url", "http://h:1", "model.name", "m", "model.max-tokens", "300", "model.prompt-chars", "5000")));
        assertEquals(300, set.sampling().maxTokens());
        assertEquals(new PromptBudget.Chars(5000), set.budget());
    }

    @Test
    void anOpenAiStyleBaseUrlEndingInV1IsAccepted() {
        PolicyConfig.Server s = assertInstanceOf(PolicyConfig.Server.class, config(Map.of(
                "model.url", "http://gpu:8000/v1, http://gpu:8001/v1/, https://proxy.example/models/prover/v1",
                "model.name", "m")));
        assertEquals(List.of("http://gpu:8000/", "http://gpu:8001/", "https://proxy.example/models/prover"),
                s.client().urls().stream().map(Object::toString).toList());
    }

    @Test
    void aCustomTemplateComesFromTheConfig() {
        PolicyConfig.Server s = assertInstanceOf(PolicyConfig.Server.class, config(Map.of("model.url", "http://h:1",
                "model.name", "m", "model.template", "custom", "model.template-text", "GOAL {state} NEXT",
                "model.template-stop", "END", "model.template-prefix", "STEP ")));
        assertEquals(List.of("END"), s.template().stops());
        assertEquals("STEP simp", s.template().completionFor("simp"));
    }

    @Test
    void theFactoryOpensThePortfolioAndAServerPolicy() {
        PolicyFactory factory = new PolicyFactory(new OkHttpClient(), InstantSource.system());
        try (OpenPolicy p = factory.open(new PolicyConfig.Portfolio())) {
            assertTrue(p.description().contains("far weaker than a trained step-prover"), p.description());
        }
        PolicyConfig server = config(Map.of("model.url", "http://127.0.0.1:9", "model.name", "m", "model.health-interval", "0s"));
        try (OpenPolicy p = factory.open(server)) {
            assertEquals("model m at http://127.0.0.1:9/ (vllm), template bfs-prover, prompt budget 43008 chars", p.description());
        }
    }
}
