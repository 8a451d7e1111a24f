package dev.stepwise.prover.sim.world;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A simulated world: theorems with their proof-state graphs and the model's suggestions, the
 * latencies and the faults that the simulated REPL and model server act out. Everything a world
 * drives is labelled simulated. The file format is documented in docs/world-format.md.
 *
 * @param format always {@link #FORMAT}
 * @param version the format version, {@link #VERSION} for files this code writes
 * @param simulated always true, so a world file says what it is even out of context
 * @param model the model name the simulated server reports
 * @param seed the generator seed (0 for hand-written worlds); also the default fault seed
 * @param source where the statements came from (a dataset name or a path)
 * @param unknownStateTactics tactics the model suggests at states the world does not know
 */
public record World(String format, int version, boolean simulated, String model, long seed, String source,
        Latency latency, Faults faults, List<String> unknownStateTactics, List<WorldTheorem> theorems) {

    public static final String FORMAT = "stepwise-sim-world";
    public static final int VERSION = 1;

    public World {
        if (!FORMAT.equals(format)) {
            throw new IllegalArgumentException("not a Stepwise world: format is '" + format + "', expected '" + FORMAT + "'");
        }
        if (version < 1 || version > VERSION) {
            throw new IllegalArgumentException("world format version " + version + " is not supported (this Stepwise reads 1.."
                    + VERSION + ")");
        }
        if (!simulated) {
            throw new IllegalArgumentException("a world must say \"simulated\": true");
        }
        if (model == null || model.isBlank()) {
            throw new IllegalArgumentException("world model name is blank");
        }
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(latency, "latency");
        Objects.requireNonNull(faults, "faults");
        unknownStateTactics = List.copyOf(unknownStateTactics);
        theorems = List.copyOf(theorems);
        if (unknownStateTactics.isEmpty()) {
            throw new IllegalArgumentException("unknownStateTactics is empty");
        }
        Set<String> names = new HashSet<>();
        for (WorldTheorem t : theorems) {
            if (!names.add(t.name())) {
                throw new IllegalArgumentException("theorem " + t.name() + " appears twice");
            }
        }
    }

    public Optional<WorldTheorem> theorem(String name) {
        return theorems.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    public World withLatency(Latency newLatency) {
        return new World(format, version, simulated, model, seed, source, newLatency, faults, unknownStateTactics, theorems);
    }

    public World withFaults(Faults newFaults) {
        return new World(format, version, simulated, model, seed, source, latency, newFaults, unknownStateTactics, theorems);
    }
}
