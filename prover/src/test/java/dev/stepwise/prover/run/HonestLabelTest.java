package dev.stepwise.prover.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.stepwise.prover.cli.CliHarness;
import dev.stepwise.prover.config.ConfigSchema;
import dev.stepwise.prover.config.SettingsLoader;
import dev.stepwise.prover.eval.Budget;
import dev.stepwise.prover.eval.EvalConfig;
import dev.stepwise.prover.policy.PolicyConfig;
import dev.stepwise.prover.sim.SimulatedStack;
import dev.stepwise.prover.sim.model.ModelDialect;
import dev.stepwise.prover.store.NewRun;
import dev.stepwise.prover.store.RunId;
import dev.stepwise.prover.store.RunKind;
import dev.stepwise.prover.store.RunStatus;
import dev.stepwise.prover.store.Simulation;
import dev.stepwise.prover.store.Store;
import dev.stepwise.prover.store.Versions;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run is SIMULATED when the simulator answered it, whether {@code --simulate} or settings brought it in. */
class HonestLabelTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    static Path world;

    @BeforeAll
    static void generateWorld() {
        world = dir.resolve("world.json");
        var r = new CliHarness(dir).run("sim", "generate", "--from", "minif2f-test", "--limit", "3", "--seed", "5",
                "--out", world.toString(), "--provable", "0.7", "--timeout-rate", "0", "--crash-rate", "0",
                "--header-import", "20ms", "--model-latency", "1ms");
        assertEquals(0, r.exitCode(), r.err());
    }

    /** Every place a finished run states its label: results.jsonl rows, results.md, the eval summary, the store. */
    private static void assertLabelledSimulated(Path work, CliHarness.Result r) throws IOException {
        assertEquals(r.evalAnswer(), r.exitCode(), r.out() + r.err());
        assertTrue(r.out().contains("(**simulated**)"), r.out());
        Path run;
        try (var runs = Files.list(work.resolve(".stepwise/runs"))) {
            run = runs.findFirst().orElseThrow();
        }
        List<String> rows = Files.readAllLines(run.resolve("results.jsonl"));
        assertEquals(3, rows.size());
        for (String row : rows) {
            JsonNode n = JSON.readTree(row);
            assertTrue(n.get("simulated").asBoolean(), row);
        }
        assertTrue(Files.readString(run.resolve("results.md")).contains("(SIMULATED: no real Lean or model)"));
        var list = new CliHarness(work).run("runs", "list");
        assertTrue(list.out().contains("(simulated)"), list.out());
    }

    @Test
    void aRunPointedAtTheSimulatorByHandIsLabelledSimulated() throws Exception {
        Path work = Files.createDirectories(dir.resolve("by-hand"));
        try (SimulatedStack sim = SimulatedStack.start(world, ModelDialect.VLLM)) {
            // No --simulate: the REPL command and the model server are set as for a real Lean and vLLM.
            var r = new CliHarness(Map.of("STEPWISE_LEAN_REPL_COMMAND", String.join(",", sim.replCommand())), work).run("eval",
                    "--dataset", "minif2f-test", "--limit", "3", "--budget", "1x4x20", "--set", "pool.size=1", "--set", "lean.sandbox=off",
                    "--set", "policy.kind=server", "--set", "model.url=" + sim.modelUrl(), "--set", "model.name=" + sim.modelName(),
                    "--set", "model.server=vllm", "--set", "model.retries=0");
            assertLabelledSimulated(work, r);
        }
    }

    @Test
    void aRealRunResumedAgainstTheSimulatorIsLabelledSimulated() throws Exception {
        Path work = Files.createDirectories(dir.resolve("resumed"));
        // A run started on real Lean and a real model (as the store recorded it), interrupted before any problem finished.
        try (Store store = Store.open(work.resolve(".stepwise/stepwise.db"), Duration.ofSeconds(10))) {
            String config = new EvalConfig("minif2f-test", List.of(), new Budget(1, 4, 20), List.of(0.5), 1.0, "sum", 1, 60.0,
                    Map.of()).toJson();
            RunId id = store.runs().create(new NewRun("night", RunKind.EVAL, "minif2f-test", null, config,
                    new Versions("0.1.0", "leanprover/lean4:v4.24.0", "v4.24.0", "vllm m"), List.of(1L), Simulation.REAL,
                    Instant.parse("2026-12-01T00:00:00Z"))).id();
            store.runs().finish(id, RunStatus.INTERRUPTED, Instant.parse("2026-12-01T00:10:00Z"));
        }
        try (SimulatedStack sim = SimulatedStack.start(world, ModelDialect.VLLM)) {
            var r = new CliHarness(Map.of("STEPWISE_LEAN_REPL_COMMAND", String.join(",", sim.replCommand())), work).run("eval",
                    "--dataset", "minif2f-test", "--limit", "3", "--budget", "1x4x20", "--name", "night", "--set", "pool.size=1",
                    "--set", "lean.sandbox=off", "--set", "policy.kind=server", "--set", "model.url=" + sim.modelUrl(),
                    "--set", "model.name=" + sim.modelName(), "--set", "model.server=vllm", "--set", "model.retries=0");
            assertLabelledSimulated(work, r);
        }
    }

    @Test
    void aRunWithSimulateIsLabelledSimulated() throws Exception {
        Path work = Files.createDirectories(dir.resolve("flag"));
        var r = new CliHarness(work).run("eval", "--dataset", "minif2f-test", "--limit", "3", "--budget", "1x4x20",
                "--simulate", world.toString(), "--set", "pool.size=1", "--set", "lean.sandbox=off", "--set", "model.retries=0");
        assertLabelledSimulated(work, r);
    }

    private static PolicyConfig server(String url) {
        return PolicyConfig.from(new SettingsLoader(ConfigSchema.standard()).load(null, dir, Map.of(),
                Map.of("model.url", url, "model.name", "m")), dir::resolve);
    }

    @Test
    void aServerIsTheSimulatorOnlyWhenItSaysSo() throws Exception {
        OkHttpClient http = new OkHttpClient();
        try (SimulatedStack sim = SimulatedStack.start(world, ModelDialect.SGLANG)) {
            assertEquals(Simulation.SIMULATED, WhatAnswered.servers(http, server(sim.modelUrl().toString())));
        }
        // A server answering /v1/models as vLLM does (ModelCard, owned_by "vllm") is a real one.
        HttpServer vllm = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        vllm.createContext("/v1/models", ex -> {
            byte[] body = ("{\"object\":\"list\",\"data\":[{\"id\":\"m\",\"object\":\"model\",\"created\":1,\"owned_by\":\"vllm\","
                    + "\"root\":\"m\",\"parent\":null,\"max_model_len\":16384,\"permission\":[]}]}").getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", "application/json");
            ex.sendResponseHeaders(200, body.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        });
        vllm.start();
        try {
            String url = "http://127.0.0.1:" + vllm.getAddress().getPort();
            assertEquals(Simulation.REAL, WhatAnswered.servers(http, server(url)));
        } finally {
            vllm.stop(0);
        }
    }
}
