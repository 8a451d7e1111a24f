package dev.stepwise.prover.sim.generate;

import dev.stepwise.prover.config.ValueType;
import dev.stepwise.prover.problems.Problem;
import dev.stepwise.prover.sim.world.Faults;
import dev.stepwise.prover.sim.world.Latency;
import java.time.Duration;
import java.util.List;

/**
 * Everything {@code stepwise sim generate} is told about the world to make, as given on the
 * command line (times and sizes still as text): the model's name, the seed, the graph's knobs,
 * the latencies and the faults. {@link #generate} reads the text and makes the world; a value it
 * cannot use is refused with an IllegalArgumentException naming its option.
 */
public record WorldRecipe(String source, String model, long seed,
        int minDepth, int maxDepth, int branching, double provable, double errorRate, double nearMissRate,
        double cheatRate, double timeoutRate, double crashRate, int maxStates,
        String headerImport, String tacticTime, String modelLatency, int modelCapacity,
        double replCrash, double replHang, double replGarbage, String memoryPerCommand,
        double model429, double model500, double modelTimeout, double modelMalformed) {

    /** A world over {@code problems}, the statements read from {@link #source}. */
    public WorldGenerator.Generated generate(List<Problem> problems) {
        String[] tactic = tacticTime.split("\\.\\.", 2);
        Duration tacticMin = duration("--tactic-time", tactic[0]);
        Duration tacticMax = tactic.length == 2 ? duration("--tactic-time", tactic[1]) : tacticMin;
        Latency latency = new Latency(Duration.ZERO, duration("--header-import", headerImport), tacticMin, tacticMax,
                Duration.ofHours(1), duration("--model-latency", modelLatency), Duration.ZERO, modelCapacity);
        long memory = (Long) ValueType.BYTES.parse(memoryPerCommand);
        Faults faults = new Faults(replCrash, replHang, replGarbage, memory, model429, model500, modelTimeout,
                modelMalformed, Duration.ofMinutes(2));
        GeneratorKnobs knobs = new GeneratorKnobs(minDepth, maxDepth, branching, provable, errorRate, nearMissRate,
                cheatRate, timeoutRate, crashRate, maxStates);
        return new WorldGenerator().generate(problems, source, model, seed, knobs, latency, faults);
    }

    private static Duration duration(String option, String text) {
        try {
            return (Duration) ValueType.DURATION.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + ": " + e.getMessage());
        }
    }
}
