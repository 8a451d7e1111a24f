package dev.stepwise.prover.app;

import dev.stepwise.prover.config.LeanKeys;
import dev.stepwise.prover.config.PlannerKeys;
import dev.stepwise.prover.config.PolicyKeys;
import dev.stepwise.prover.config.SearchKeys;
import dev.stepwise.prover.exit.UserError;
import dev.stepwise.prover.sim.SimulatedStack;
import dev.stepwise.prover.sim.model.ModelDialect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The simulator started for one job ({@code --simulate WORLD}), and the application pointed at
 * it: the simulator contributes a layer of settings (the REPL command, the model server's
 * endpoint, the critic's) below {@code --set}, never changing the application it was given.
 */
public record SimulatorSession(SimulatedStack stack, Application app) implements AutoCloseable {

    /** Starts the simulated model server of {@code world}; the caller closes the session. */
    public static SimulatorSession start(Application app, Path world) {
        if (!Files.isRegularFile(app.resolve(world))) {
            throw UserError.input("world file " + world + " does not exist; make one with: stepwise sim generate --from DATASET|FILE"
                    + " --out " + world);
        }
        SimulatedStack sim = SimulatedStack.start(app.resolve(world), ModelDialect.VLLM);
        return new SimulatorSession(sim, app.withFlags(overlay(sim)));
    }

    /** The settings that point a run at the simulator. */
    static Map<String, String> overlay(SimulatedStack sim) {
        Map<String, String> flags = new LinkedHashMap<>();
        flags.put(LeanKeys.REPL_COMMAND.name(), String.join(",", sim.replCommand()));
        flags.put(PolicyKeys.KIND.name(), "server");
        flags.put(PolicyKeys.URLS.name(), sim.modelUrl().toString());
        flags.put(PolicyKeys.NAME.name(), sim.modelName());
        flags.put(PolicyKeys.SERVER.name(), "vllm");
        // The simulated server also answers vLLM's pooling API, as a critic's server would.
        flags.put(SearchKeys.CRITIC_URL.name(), sim.modelUrl().toString());
        // ... and chat completions, with sketches when a planner asks (sketch mode's planner.url).
        flags.put(PlannerKeys.URL.name(), sim.modelUrl().toString());
        // The world's own deadline, sized to its latencies: a simulated run never waits a real minute.
        flags.put(LeanKeys.TACTIC_TIMEOUT.name(), sim.world().latency().tacticDeadline().toMillis() + "ms");
        flags.put(LeanKeys.POOL_SIZE.name(), String.valueOf(poolSize(Runtime.getRuntime().availableProcessors())));
        return flags;
    }

    /**
     * Simulated REPL processes wait out the world's latencies instead of computing, so one per core
     * (real Lean's default) leaves the cores idle whenever a never-ending tactic holds a process
     * until its deadline and its restart: twice the cores, at least 4. Measured on 2 cores, the
     * README's 60-problem eval: 103 s wall for 31 s CPU with 2 processes, 73 s for 30 s with 4.
     */
    static int poolSize(int cores) {
        return Math.max(4, 2 * cores);
    }

    @Override
    public void close() {
        stack.close();
    }
}
