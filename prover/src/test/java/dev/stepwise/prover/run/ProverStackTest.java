package dev.stepwise.prover.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepwise.lean.HostTools;
import dev.stepwise.prover.app.Application;
import dev.stepwise.prover.app.Stacks;
import dev.stepwise.prover.lean.LeanSetup;
import dev.stepwise.prover.sim.SimulatedStack;
import dev.stepwise.prover.sim.TinyWorld;
import dev.stepwise.prover.sim.model.ModelDialect;
import dev.stepwise.prover.sim.world.WorldFile;
import dev.stepwise.prover.store.Simulation;
import dev.stepwise.search.Budgets;
import dev.stepwise.search.CriticMode;
import dev.stepwise.search.ForbiddenTactics;
import dev.stepwise.search.PolicyRequest;
import dev.stepwise.search.ProofState;
import dev.stepwise.search.ScoreMode;
import dev.stepwise.search.Search;
import dev.stepwise.search.SearchConfig;
import dev.stepwise.search.SearchResult;
import dev.stepwise.search.StateHandle;
import dev.stepwise.search.Theorem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProverStackTest {
    @TempDir
    Path dir;

    @Test
    void aLeanOnlyStackOpensNoPolicyAndSearchesThroughTheOneItIsGiven() throws Exception {
        Path world = dir.resolve("tiny.json");
        new WorldFile().write(TinyWorld.world(), world);
        Files.createDirectories(dir.resolve("project"));
        try (SimulatedStack sim = SimulatedStack.start(world, ModelDialect.VLLM)) {
            Application app = Application.create(Map.of(
                    "STEPWISE_LEAN_REPL_COMMAND", String.join(",", sim.replCommand()),
                    "STEPWISE_LEAN_PROJECT", dir.resolve("project").toString(),
                    "STEPWISE_POOL_SIZE", "1",
                    "STEPWISE_LEAN_SANDBOX", "off",
                    "STEPWISE_POLICY_KIND", "server",
                    "STEPWISE_MODEL_URL", sim.modelUrl().toString(),
                    "STEPWISE_MODEL_NAME", sim.modelName(),
                    "STEPWISE_MODEL_SERVER", "vllm"), dir, dir, null, Map.of());
            LeanSetup setup = new LeanSetup(app.settings(), app.home(), app.workDir(), HostTools.fromEnvironment());
            Theorem tiny = new Theorem("tiny", TinyWorld.HEADER, TinyWorld.STATEMENT);
            try (ProverStack lean = Stacks.openLeanOnly(setup, List.of(TinyWorld.HEADER))) {
                assertEquals("no policy", lean.versions().model());
                // No flag said so: the REPL processes answered the probe as the simulator.
                assertEquals(Simulation.SIMULATED, lean.simulation());
                assertEquals("simulated", lean.versions().lean());
                PolicyRequest ask = new PolicyRequest(tiny, new ProofState(new StateHandle() { }, TinyWorld.ROOT_GOAL, 1), List.of(), 4, 1.0, 1);
                IllegalStateException e = assertThrows(IllegalStateException.class, () -> lean.services().policy().suggest(ask));
                assertTrue(e.getMessage().contains("withPolicy"), e.getMessage());

                try (ProverStack withModel = Stacks.withPolicy(app, app.settings(), lean)) {
                    SearchConfig config = new SearchConfig(8, 0.0, ScoreMode.SUM, 1.0, Budgets.unlimited().withMaxExpansions(20),
                            ForbiddenTactics.bfsProverV2(), CriticMode.POLICY_ONLY, 1.0);
                    SearchResult r = Search.create(tiny, config, 1, withModel.services()).run();
                    assertTrue(r.proof().isPresent(), r.outcome().toString());
                    assertTrue(withModel.versions().model().contains(sim.modelName()), withModel.versions().model());
                }
                assertEquals("no policy", lean.versions().model(), "closing the other stack left this one as it was");
            }
        }
    }
}
