package dev.stepwise.prover.critic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepwise.prover.policy.client.ApiKey;
import dev.stepwise.prover.policy.client.RetryPolicy;
import dev.stepwise.prover.sim.model.ModelDialect;
import dev.stepwise.prover.sim.model.SimulatedModelServer;
import dev.stepwise.prover.sim.world.World;
import dev.stepwise.prover.sim.world.WorldFile;
import dev.stepwise.prover.sim.world.WorldTheorem;
import dev.stepwise.prover.cli.CliHarness;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The simulated model server answers vLLM's /pooling as a critic would, through the product's own critic client. */
class SimulatedCriticTest {
    @TempDir
    Path dir;

    @Test
    void statesCloserToAProofScoreHigherAndDeadEndsScoreLowest() throws Exception {
        Path file = dir.resolve("world.json");
        assertEquals(0, new CliHarness(dir).run("sim", "generate", "--from", "minif2f-test", "--limit", "3", "--seed", "4",
                "--out", file.toString(), "--provable", "1", "--min-depth", "3", "--max-depth", "3").exitCode());
        World world = new WorldFile().read(file);
        WorldTheorem t = world.theorems().getFirst();
        try (SimulatedModelServer server = new SimulatedModelServer(world, ModelDialect.VLLM, 1, InstantSource.system())) {
            server.start(0);
            PoolingCritic critic = new PoolingCritic(new OkHttpClient(), HttpUrl.get(server.url().toString()), ApiKey.NONE,
                    world.model(), new RetryPolicy(0, Duration.ofMillis(1), Duration.ofMillis(1)));
            CriticPrompt prompt = CriticPrompt.INTERNLM25_STEPPROVER;
            List<Double> scores = critic.score(List.of(prompt.render(t.rootState().goalText()),
                    prompt.render("⊢ a state of no theorem here")));
            assertEquals(-3.0, scores.get(0), "the root of a proof three tactics long");
            assertTrue(scores.get(1) < scores.get(0), scores.toString());
            assertEquals(2, server.stats().scored());
        }
    }
}
