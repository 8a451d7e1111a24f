package dev.stepwise.prover.store;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A run about to start.
 *
 * @param round the expert-iteration round it belongs to, or null for prove and eval runs
 * @param configJson the full effective configuration as JSON; it must be rendered the same way
 *     each time (stable key order) for a re-run of the same command to find this run again
 * @param seeds every seed the run will use, in order
 */
public record NewRun(String name, RunKind kind, String dataset, RoundId round, String configJson,
        Versions versions, List<Long> seeds, Simulation simulation, Instant startedAt) {

    public NewRun {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(configJson, "configJson");
        Objects.requireNonNull(versions, "versions");
        Objects.requireNonNull(simulation, "simulation");
        Objects.requireNonNull(startedAt, "startedAt");
        seeds = List.copyOf(seeds);
        if (name.isBlank()) {
            throw new IllegalArgumentException("run name is blank");
        }
        boolean roundKind = kind.partOfRound();
        if (roundKind != (round != null)) {
            throw new IllegalArgumentException("a " + kind.code() + " run " + (roundKind ? "needs" : "cannot have") + " a round");
        }
    }
}
