package dev.stepwise.prover.critic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stepwise.prover.cli.CliHarness;
import dev.stepwise.prover.sim.world.WorldFile;
import dev.stepwise.prover.sim.world.WorldTheorem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** search.critic through the CLI: refused without a critic, and searching with the simulated server's /pooling. */
class CriticEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    static Path world;

    @BeforeAll
    static void generateWorld() {
        world = dir.resolve("world.json");
        var r = new CliHarness(dir).run("sim", "generate", "--from", "minif2f-test", "--limit", "6", "--seed", "21",
                "--out", world.toString(), "--provable", "0.5", "--timeout-rate", "0", "--crash-rate", "0",
                "--header-import", "10ms", "--model-latency", "1ms");
        assertEquals(0, r.exitCode(), r.err());
    }

    private static CliHarness.Result eval(Path work, String... more) {
        List<String> args = new ArrayList<>(List.of("eval", "--dataset", "minif2f-test", "--limit", "6", "--simulate",
                world.toString(), "--budget", "1x8x60", "--set", "pool.size=1", "--set", "model.retries=0",
                "--set", "lean.sandbox=off"));
        args.addAll(List.of(more));
        // Before the fix this hung for ever: the guard turns a hang into a failure, it measures nothing.
        return assertTimeoutPreemptively(Duration.ofMinutes(3), () -> new CliHarness(work).run(args.toArray(String[]::new)));
    }

    private static Set<String> proved(Path work) throws IOException {
        Path results;
        try (var runs = Files.list(work.resolve(".stepwise/runs"))) {
            results = runs.findFirst().orElseThrow().resolve("results.jsonl");
        }
        Set<String> out = new TreeSet<>();
        for (String line : Files.readAllLines(results)) {
            JsonNode n = JSON.readTree(line);
            if (n.get("proved").asBoolean()) {
                out.add(n.get("problem").asText());
            }
        }
        return out;
    }

    @Test
    void aCriticModeWithoutACriticIsRefusedBeforeTheRunStarts() throws IOException {
        Path work = Files.createDirectories(dir.resolve("refused"));
        var r = eval(work, "--set", "search.critic=weighted", "--set", "search.critic-url=");
        assertEquals(2, r.exitCode(), r.out() + r.err());
        assertEquals(List.of("stepwise: configuration: search.critic is weighted but search.critic-url is empty; set it to the"
                + " critic's server (a reward model served by vLLM's pooling API), or use search.critic=policy-only"),
                r.err().lines().filter(l -> !l.startsWith("SIMULATED")).toList());
        assertTrue(!Files.exists(work.resolve(".stepwise/runs")), "no run was started");

        var real = new CliHarness(work).run("eval", "--dataset", "minif2f-test", "--limit", "1", "--set", "search.critic=critic-only");
        assertEquals(2, real.exitCode(), real.err());
        assertTrue(real.err().startsWith("stepwise: configuration: search.critic is critic-only but search.critic-url is empty"),
                real.err());
    }

    @Test
    void aCriticOnlySearchOnTheSimulatedCriticProvesWhatTheWorldMakesProvable() throws IOException {
        Path work = Files.createDirectories(dir.resolve("critic-only"));
        var r = eval(work, "--set", "search.critic=critic-only");
        assertEquals(r.evalAnswer(), r.exitCode(), r.out() + r.err());
        Set<String> provable = new WorldFile().read(world).theorems().stream().filter(WorldTheorem::provable)
                .map(WorldTheorem::name).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(provable, proved(work));
    }

    @Test
    void aCriticThatCannotAnswerLeavesProblemsToRetryNotUnproved() throws IOException {
        Path work = Files.createDirectories(dir.resolve("wrong-critic"));
        var r = eval(work, "--set", "search.critic=weighted", "--set", "search.critic-model=no-such-critic", "--name", "wc");
        assertEquals(1, r.exitCode(), r.out() + r.err());
        assertTrue(r.out().contains("continue with: stepwise eval --resume wc"), r.out());
        assertTrue(proved(work).isEmpty(), "no search could rank its states");
    }
}
