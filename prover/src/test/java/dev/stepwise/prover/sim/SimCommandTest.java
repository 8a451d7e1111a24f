package dev.stepwise.prover.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepwise.prover.cli.CliHarness;
import dev.stepwise.prover.sim.world.WorldFile;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimCommandTest {

    @Test
    void generateWritesTheSameWorldForTheSameSeed(@TempDir Path dir) throws Exception {
        CliHarness cli = new CliHarness(dir);
        var a = cli.run("sim", "generate", "--from", "minif2f-test", "--limit", "5", "--seed", "3", "--out", "a.json");
        var b = cli.run("sim", "generate", "--from", "minif2f-test", "--limit", "5", "--seed", "3", "--out", "b.json");
        assertEquals(0, a.exitCode(), a.err());
        assertTrue(a.out().startsWith("wrote SIMULATED world " + dir.resolve("a.json") + ": 5 theorems ("), a.out());
        assertEquals(0, b.exitCode(), b.err());
        assertArrayEquals(Files.readAllBytes(dir.resolve("a.json")), Files.readAllBytes(dir.resolve("b.json")));
        assertEquals(5, new WorldFile().read(dir.resolve("a.json")).theorems().size());
    }

    @Test
    void badKnobsAndUnknownDatasetsAreInputErrors(@TempDir Path dir) {
        CliHarness cli = new CliHarness(dir);
        var knob = cli.run("sim", "generate", "--from", "minif2f-test", "--out", "w.json", "--provable", "2");
        assertEquals(2, knob.exitCode());
        assertEquals("stepwise: sim generate: provable must be in [0, 1], got 2.0\n", knob.err());
        var dataset = cli.run("sim", "generate", "--from", "nosuch", "--out", "w.json");
        assertEquals(2, dataset.exitCode());
        assertTrue(dataset.err().startsWith("stepwise: unknown dataset 'nosuch'"), dataset.err());
        var world = cli.run("sim", "repl", "--world", "missing.json");
        assertEquals(2, world.exitCode());
        assertEquals("stepwise: " + dir.resolve("missing.json") + ": no such world file\n", world.err());
        assertEquals(0, cli.run("sim", "generate", "--from", "minif2f-test", "--limit", "2", "--out", "w.json").exitCode());
        var lora = cli.run("sim", "model", "--world", "w.json", "--port", "0", "--lora", "adapter");
        assertEquals(2, lora.exitCode());
        assertEquals("stepwise: sim model: --lora is llama-server's start-up adapter; vLLM and SGLang load adapters at run time\n",
                lora.err());
        var unreadable = cli.run("sim", "model", "--world", "w.json", "--port", "0", "--dialect", "LLAMA_CPP", "--lora", "nosuch");
        assertEquals(2, unreadable.exitCode());
        assertTrue(unreadable.err().startsWith("stepwise: sim model: cannot load --lora " + dir.resolve("nosuch")), unreadable.err());
    }

    @Test
    void trainWritesAnAdapterAndNamesABadLine(@TempDir Path dir) throws Exception {
        CliHarness cli = new CliHarness(dir);
        Files.writeString(dir.resolve("t.jsonl"), "{\"prompt\": \"⊢ 1 = 1\", \"completion\": \"rfl\"}\n");
        var ok = cli.run("sim", "train", "--train-file", "t.jsonl", "--base-model", "m", "--output-dir", "adapter");
        assertEquals(0, ok.exitCode(), ok.err());
        assertEquals("SIMULATED training: 1 examples (1 distinct prompts) -> adapter " + dir.resolve("adapter") + " for m\n", ok.out());
        assertTrue(Files.readString(dir.resolve("adapter/adapter_config.json")).contains("\"simulated\" : true"));
        Files.writeString(dir.resolve("bad.jsonl"), "{\"prompt\": \"a\", \"completion\": \"b\"}\n{\"prompt\": 3}\n");
        var bad = cli.run("sim", "train", "--train-file", "bad.jsonl", "--base-model", "m", "--output-dir", "x");
        assertEquals(2, bad.exitCode());
        assertEquals("stepwise: sim train: " + dir.resolve("bad.jsonl") + ":2: expected string fields \"prompt\" and \"completion\""
                + " (or \"chosen\"), or \"messages\" (or a conversational \"prompt\" and \"completion\") with a user and an"
                + " assistant turn\n", bad.err());
    }

    @Test
    void trainReadsChatAndPreferenceRowsAndBuildsOnItsInitModel(@TempDir Path dir) throws Exception {
        CliHarness cli = new CliHarness(dir);
        Files.writeString(dir.resolve("r1.jsonl"), "{\"prompt\": \"⊢ 1 = 1\", \"completion\": \"rfl\"}\n");
        Files.writeString(dir.resolve("r2.jsonl"), "{\"messages\": [{\"role\": \"user\", \"content\": \"⊢ 2 = 2\"},"
                + " {\"role\": \"assistant\", \"content\": \"norm_num\"}]}\n"
                + "{\"prompt\": \"⊢ 3 = 3\", \"chosen\": \"simp\", \"rejected\": \"omega\"}\n");
        assertEquals(0, cli.run("sim", "train", "--train-file", "r1.jsonl", "--base-model", "m", "--output-dir", "round1").exitCode());
        var r2 = cli.run("sim", "train", "--train-file", "r2.jsonl", "--base-model", "m", "--init-model", "round1",
                "--valid-file", "v.jsonl", "--round", "2", "--method", "sft", "--output-dir", "round2");
        assertEquals(0, r2.exitCode(), r2.err());
        var examples = new dev.stepwise.prover.sim.train.AdapterFile().read(dir.resolve("round2")).examples();
        assertEquals(List.of("rfl", "norm_num", "simp"), examples.stream().map(e -> e.completion()).toList());
    }

    @Test
    void modelServerPrintsItsPortAndServes(@TempDir Path dir) throws Exception {
        Path world = dir.resolve("w.json");
        new WorldFile().write(TinyWorld.world(), world);
        Process p = ReplProcesses.start(StepwiseJvm.command(List.of("sim", "model", "--world", world.toString(), "--port", "0")));
        try (HttpClient http = HttpClient.newHttpClient()) {
            String line = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)).readLine();
            Matcher m = Pattern.compile("SIMULATED model server \\(vllm dialect, model sim-model, 1 theorems\\) listening on "
                    + "(http://127\\.0\\.0\\.1:(\\d+))").matcher(line);
            assertTrue(m.matches(), line);
            HttpResponse<String> models = http.send(HttpRequest.newBuilder(URI.create(m.group(1) + "/v1/models")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, models.statusCode());
            assertTrue(models.body().contains("\"id\":\"sim-model\""), models.body());
        } finally {
            ReplProcesses.kill(p);
        }
    }
}
