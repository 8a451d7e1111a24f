package dev.stepwise.prover.eval;

import java.util.List;
import java.util.Objects;

/** What a run was, for the headers of its tables: everything needed to reproduce its number. */
public record RunInfo(String runId, String dataset, Budget budget, List<Double> alphas, double temperature,
        String model, String leanVersion, String mathlibVersion, boolean simulated, String leanMismatch) {
    /** A run on the Lean its dataset targets (or that states none). */
    public RunInfo(String runId, String dataset, Budget budget, List<Double> alphas, double temperature,
            String model, String leanVersion, String mathlibVersion, boolean simulated) {
        this(runId, dataset, budget, alphas, temperature, model, leanVersion, mathlibVersion, simulated, "");
    }

    public RunInfo {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(budget, "budget");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(leanVersion, "leanVersion");
        Objects.requireNonNull(mathlibVersion, "mathlibVersion");
        Objects.requireNonNull(leanMismatch, "leanMismatch");
        alphas = List.copyOf(alphas);
    }
}
