package dev.stepwise.prover.store;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A stored run.
 *
 * @param round the round it belongs to, or null
 * @param configHash SHA-256 of {@code configJson}
 * @param error why it failed, or null
 * @param endedAt when it completed, failed or was interrupted, or null while it runs
 */
public record Run(RunId id, String name, RunKind kind, String dataset, RoundId round, String configJson,
        String configHash, Versions versions, List<Long> seeds, Simulation simulation, RunStatus status,
        String error, Instant startedAt, Instant endedAt) {

    public Run {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(configJson, "configJson");
        Objects.requireNonNull(configHash, "configHash");
        Objects.requireNonNull(versions, "versions");
        Objects.requireNonNull(simulation, "simulation");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(startedAt, "startedAt");
        seeds = List.copyOf(seeds);
    }
}
