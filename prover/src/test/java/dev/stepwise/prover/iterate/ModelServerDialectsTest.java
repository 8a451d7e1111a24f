package dev.stepwise.prover.iterate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stepwise.iteration.IterationException;
import dev.stepwise.iteration.ModelServing;
import dev.stepwise.iteration.TacticScorer;
import dev.stepwise.prover.policy.client.ApiKey;
import dev.stepwise.prover.policy.client.ServerKind;
import dev.stepwise.prover.sim.TinyWorld;
import dev.stepwise.prover.sim.model.ModelDialect;
import dev.stepwise.prover.sim.model.SimulatedModelServer;
import dev.stepwise.prover.sim.train.SimulatedTrainer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Adapter loading and perplexity scoring against the simulated servers, each speaking its
 * server's real routes and log-prob shapes (vLLM, SGLang, llama.cpp's llama-server), over
 * several endpoints at once.
 */
class ModelServerDialectsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final OkHttpClient http = new OkHttpClient();
    private final List<SimulatedModelServer> servers = new ArrayList<>();

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        servers.forEach(SimulatedModelServer::close);
    }

    private SimulatedModelServer start(ModelDialect dialect, List<Path> loraAtStart) {
        SimulatedModelServer s = new SimulatedModelServer(TinyWorld.world(), dialect, 5, InstantSource.fixed(Instant.EPOCH),
                loraAtStart);
        servers.add(s);
        s.start(0);
        return s;
    }

    private ModelServerCalls calls(SimulatedModelServer s) {
        return new ModelServerCalls(http, HttpUrl.get(s.url().toString()), ApiKey.NONE, JSON);
    }

    private Path adapter(String name) throws Exception {
        Path train = dir.resolve(name + ".jsonl");
        Files.writeString(train, JSON.writeValueAsString(Map.of("prompt", TinyWorld.ROOT_GOAL + ":::", "completion", "positivity"))
                + "\n");
        Path out = dir.resolve(name);
        new SimulatedTrainer().train(train, "sim-model", null, out, 4.0);
        return out.toAbsolutePath();
    }

    @Test
    void theCandidateIsLoadedOnEveryEndpointThroughEachServersOwnRoute() throws Exception {
        Path adapter = adapter("round-1");
        ModelServing.Checkpoint checkpoint = new ModelServing.Checkpoint("stepwise-round-1", adapter);
        for (ModelDialect dialect : List.of(ModelDialect.VLLM, ModelDialect.SGLANG)) {
            SimulatedModelServer a = start(dialect, List.of());
            SimulatedModelServer b = start(dialect, List.of());
            ServerKind kind = dialect == ModelDialect.VLLM ? ServerKind.VLLM : ServerKind.SGLANG;
            LoraAdapterServing serving = new LoraAdapterServing(List.of(calls(a), calls(b)), kind);
            serving.load(checkpoint);
            serving.load(checkpoint); // a name the server already has counts as loaded
            assertEquals(1, a.stats().adapters(), dialect.toString());
            assertEquals(1, b.stats().adapters(), dialect.toString());
        }
    }

    @Test
    void eachSimulatedServerAnswersOnlyOnItsOwnLoraRoute() throws Exception {
        ModelServing.Checkpoint checkpoint = new ModelServing.Checkpoint("stepwise-round-1", adapter("round-1"));
        SimulatedModelServer sglang = start(ModelDialect.SGLANG, List.of());
        IterationException e = assertThrows(IterationException.class,
                () -> new LoraAdapterServing(List.of(calls(sglang)), ServerKind.VLLM).load(checkpoint));
        assertTrue(e.getMessage().contains(sglang.url() + "/v1/load_lora_adapter answered 404"), e.getMessage());
        SimulatedModelServer vllm = start(ModelDialect.VLLM, List.of());
        e = assertThrows(IterationException.class,
                () -> new LoraAdapterServing(List.of(calls(vllm)), ServerKind.SGLANG).load(checkpoint));
        assertTrue(e.getMessage().contains(vllm.url() + "/load_lora_adapter answered 404"), e.getMessage());
        assertEquals(0, sglang.stats().adapters());
        assertEquals(0, vllm.stats().adapters());
    }

    @Test
    void aFailedEndpointIsNamedWithTheOnesThatLoaded() throws Exception {
        SimulatedModelServer good = start(ModelDialect.VLLM, List.of());
        SimulatedModelServer bad = start(ModelDialect.VLLM, List.of());
        // The server host cannot read the path: the load fails there, and the report says which endpoint failed.
        ModelServing.Checkpoint missing = new ModelServing.Checkpoint("stepwise-round-2", dir.resolve("not-there"));
        IterationException e = assertThrows(IterationException.class,
                () -> new LoraAdapterServing(List.of(calls(good), calls(bad)), ServerKind.VLLM).load(missing));
        assertEquals(IterationException.Kind.ENVIRONMENT, e.kind());
        assertTrue(e.getMessage().startsWith("could not load adapter stepwise-round-2 from " + dir.resolve("not-there")
                + " on 2 of 2 model servers: " + good.url() + "/ ("), e.getMessage());
        assertTrue(e.getMessage().endsWith("The path must be readable by the server host at that path."), e.getMessage());

        ModelServing.Checkpoint real = new ModelServing.Checkpoint("stepwise-round-3", adapter("round-3"));
        ModelServerCalls gone = calls(bad);
        String goneUrl = bad.url() + "/";
        bad.close();
        e = assertThrows(IterationException.class,
                () -> new LoraAdapterServing(List.of(calls(good), gone), ServerKind.VLLM).load(real));
        assertTrue(e.getMessage().contains("on 1 of 2 model servers: " + goneUrl + " (cannot reach"), e.getMessage());
        assertTrue(e.getMessage().contains("; loaded on " + good.url() + "/."), e.getMessage());
        assertEquals(1, good.stats().adapters());
    }

    @Test
    void llamaServerSelectsAnAdapterItLoadedAtStartByScale() throws Exception {
        Path adapter = adapter("round-1");
        Path other = adapter("other");
        SimulatedModelServer llama = start(ModelDialect.LLAMA_CPP, List.of(other, adapter));
        new LoraAdapterServing(List.of(calls(llama)), ServerKind.LLAMA_CPP)
                .load(new ModelServing.Checkpoint("stepwise-round-1", adapter));
        JsonNode listed = calls(llama).getJson("/lora-adapters");
        assertEquals(0.0, listed.get(0).path("scale").asDouble());
        assertEquals(1.0, listed.get(1).path("scale").asDouble());
        assertEquals(adapter.toString(), listed.get(1).path("path").asText());

        IterationException e = assertThrows(IterationException.class, () -> new LoraAdapterServing(List.of(calls(llama)),
                ServerKind.LLAMA_CPP).load(new ModelServing.Checkpoint("stepwise-round-2", dir.resolve("round-2"))));
        assertTrue(e.getMessage().contains("llama-server loads LoRA adapters only at start; " + dir.resolve("round-2")
                + " is not among its adapters: restart it with --lora"), e.getMessage());
    }

    @Test
    void sglangScoresTheSameTokensAsVllmAlthoughItsOffsetsAreAllMinusOne() {
        // The same world and seed: only the log-prob shape differs. SGLang's text_offset is -1 for every token, so
        // the completion's tokens must be found by counting tokens, not by offsets.
        List<TacticScorer.Request> requests = List.of(
                new TacticScorer.Request(TinyWorld.ROOT_GOAL + ":::", "positivity"),
                new TacticScorer.Request(TinyWorld.ROOT_GOAL + ":::", "have h₁ : 0 ≤ x ^ 2 := by positivity"),
                new TacticScorer.Request(TinyWorld.S1_GOAL + ":::", "positivity"));
        SimulatedModelServer vllm = start(ModelDialect.VLLM, List.of());
        List<TacticScorer.Score> expected = new ServerTacticScorer(List.of(calls(vllm))).score("sim-model", requests);
        SimulatedModelServer s1 = start(ModelDialect.SGLANG, List.of());
        SimulatedModelServer s2 = start(ModelDialect.SGLANG, List.of());
        List<TacticScorer.Score> sglang = new ServerTacticScorer(List.of(calls(s1), calls(s2))).score("sim-model", requests);
        assertEquals(expected, sglang);
        assertTrue(expected.get(1).tokenCount() > expected.get(0).tokenCount(), expected.toString());
        // Scoring goes round the endpoints, as evaluation does.
        assertTrue(s1.stats().served() > 0 && s2.stats().served() > 0, s1.stats() + " " + s2.stats());
    }
}
