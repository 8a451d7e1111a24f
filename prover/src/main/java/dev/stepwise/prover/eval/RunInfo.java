package dev.stepwise.prover.eval;

import java.util.List;
import java.util.Objects;

/**
 * What a run was, for the headers of its tables: everything needed to reproduce its number.
 *
 * @param mode how its attempts looked for proofs, as the tables show it: {@code step}, or
 *     {@code whole-proof} with the template and the proofs sampled per attempt
 */
public record RunInfo(String runId, String dataset, Budget budget, List<Double> alphas, double temperature,
        String model, String leanVersion, String mathlibVersion, boolean simulated, String leanMismatch, String mode) {
    /** A step-search run. */
    public RunInfo(String runId, String dataset, Budget budget, List<Double> alphas, double temperature,
            String model, String leanVersion, String mathlibVersion, boolean simulated, String leanMismatch) {
        this(runId, dataset, budget, alphas, temperature, model, leanVersion, mathlibVersion, simulated, leanMismatch, "step");
    }

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
        Objects.requireNonNull(mode, "mode");
        alphas = List.copyOf(alphas);
    }
}
