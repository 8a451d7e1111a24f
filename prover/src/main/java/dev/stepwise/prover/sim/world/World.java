package dev.stepwise.prover.sim.world;

import com.fasterxml.jackson.annotation.JacksonInject;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.OptBoolean;
import dev.stepwise.lean.ReplVersion;
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
 * @param lean the Lean version the statements were written for ({@code v4.24.0}), which the
 *     simulated REPL reports as its own when asked; null in worlds that do not say (optional in
 *     the file, so worlds written before it still load; the REPL then reports the pinned version)
 */
public record World(String format, int version, boolean simulated, String model, long seed, String source,
        Latency latency, Faults faults, List<String> unknownStateTactics, List<WorldTheorem> theorems,
        @JacksonInject(value = World.NO_LEAN, useInput = OptBoolean.TRUE) @JsonInclude(JsonInclude.Include.NON_NULL)
        String lean,
        @JacksonInject(value = World.NO_CONJECTURES, useInput = OptBoolean.TRUE) @JsonInclude(JsonInclude.Include.NON_EMPTY)
        List<WorldConjecture> conjectures) {

    /** The value a file without {@code lean} gets (see {@link WorldFile}): none. */
    static final String NO_LEAN = "world.lean.absent";
    /** The value a file without {@code conjectures} gets (see {@link WorldFile}): none. */
    static final String NO_CONJECTURES = "world.conjectures.absent";

    /** A world whose simulated model proposes no conjectures. */
    public World(String format, int version, boolean simulated, String model, long seed, String source,
            Latency latency, Faults faults, List<String> unknownStateTactics, List<WorldTheorem> theorems, String lean) {
        this(format, version, simulated, model, seed, source, latency, faults, unknownStateTactics, theorems, lean, List.of());
    }

    /** A world that does not say which Lean its statements were written for. */
    public World(String format, int version, boolean simulated, String model, long seed, String source,
            Latency latency, Faults faults, List<String> unknownStateTactics, List<WorldTheorem> theorems) {
        this(format, version, simulated, model, seed, source, latency, faults, unknownStateTactics, theorems, null, List.of());
    }

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
        conjectures = conjectures == null ? List.of() : List.copyOf(conjectures);
        if (unknownStateTactics.isEmpty()) {
            throw new IllegalArgumentException("unknownStateTactics is empty");
        }
        if (lean != null && ReplVersion.find(lean).filter(v -> v.toString().equals(lean)).isEmpty()) {
            throw new IllegalArgumentException("lean must be a Lean version such as v4.24.0, got '" + lean + "'");
        }
        Set<String> names = new HashSet<>();
        for (WorldTheorem t : theorems) {
            if (!names.add(t.name())) {
                throw new IllegalArgumentException("theorem " + t.name() + " appears twice");
            }
        }
        for (WorldConjecture c : conjectures) {
            if (!names.contains(c.seed())) {
                throw new IllegalArgumentException("conjecture '" + c.statement() + "': its seed " + c.seed() + " is no theorem of the world");
            }
        }
    }

    public Optional<WorldTheorem> theorem(String name) {
        return theorems.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    public World withLatency(Latency newLatency) {
        return new World(format, version, simulated, model, seed, source, newLatency, faults, unknownStateTactics, theorems, lean,
                conjectures);
    }

    /** The same world, saying its statements were written for Lean {@code leanVersion}. */
    public World withLean(String leanVersion) {
        return new World(format, version, simulated, model, seed, source, latency, faults, unknownStateTactics, theorems,
                leanVersion, conjectures);
    }

    /** The same world, its simulated model proposing {@code newConjectures}. */
    public World withConjectures(List<WorldConjecture> newConjectures) {
        return new World(format, version, simulated, model, seed, source, latency, faults, unknownStateTactics, theorems, lean,
                newConjectures);
    }

    /** The conjectures the simulated model proposes from {@code seed}. */
    public List<WorldConjecture> conjecturesOf(String seed) {
        return conjectures.stream().filter(c -> c.seed().equals(seed)).toList();
    }

    public World withFaults(Faults newFaults) {
        return new World(format, version, simulated, model, seed, source, latency, newFaults, unknownStateTactics, theorems, lean, conjectures);
    }
}
