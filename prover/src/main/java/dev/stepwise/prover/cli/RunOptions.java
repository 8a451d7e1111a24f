package dev.stepwise.prover.cli;

import dev.stepwise.prover.config.SearchKeys;
import dev.stepwise.prover.eval.Budget;
import dev.stepwise.prover.exit.UserError;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import dev.stepwise.prover.config.LeanKeys;
import picocli.CommandLine.Option;

/** The search options shared by {@code prove} and {@code eval}; each is also a configuration key. */
final class RunOptions {

    @Option(names = "--budget", paramLabel = "A×W×N",
            description = "Attempts per theorem × tactics per expansion × expansions per attempt, e.g. 8x4x100 (search.attempts, search.width, search.max-expansions).")
    String budget;

    @Option(names = "--alpha", paramLabel = "ALPHA", split = ",",
            description = "Length normalisation of the priority; several values are used round-robin over attempts (search.alpha).")
    List<Double> alphas;

    @Option(names = "--temperature", paramLabel = "T", description = "Sampling temperature of the policy (search.temperature).")
    Double temperature;

    @Option(names = "--timeout", paramLabel = "DURATION",
            description = "Wall-clock limit of one attempt, e.g. 600s or 10m (search.time-limit).")
    String timeout;

    @Option(names = "--seed", paramLabel = "S", description = "Base seed; attempt i samples with S + i (search.seed).")
    Long seed;

    @Option(names = "--workers", paramLabel = "N",
            description = "Search attempts running at once (search.concurrent-attempts).")
    Integer workers;

    @Option(names = "--whole-proof", paramLabel = "N",
            description = {"Whole-proof mode (search.mode=whole-proof): sample N complete proofs per attempt from the model",
                "(search.samples) in model.whole-proof-template's format, each through the acceptance gate."})
    Integer wholeProof;

    @Option(names = "--revisions", paramLabel = "R",
            description = "Whole-proof mode: revise a proof Lean refused up to R times from Lean's errors (search.revisions).")
    Integer revisions;

    @Option(names = "--name", paramLabel = "RUN", description = "Name of the run (default: derived from the dataset and time).")
    String name;

    @Option(names = "--simulate", paramLabel = "WORLD",
            description = "Run against the simulator instead of real Lean and a real model: starts the simulated model "
                + "server and points the REPL command at the simulated REPL of this world file. Results are "
                + "labelled SIMULATED.")
    Path simulate;

    @Option(names = "--lean-project", paramLabel = "DIR|NAME",
            description = {"The Lean project to run in (lean.project): a directory, or a name under lean-projects/ such as",
                "v4.24.0 (default: the installed project that matches the dataset's target; 'lean doctor' lists them)."})
    String leanProject;

    @Option(names = "--allow-version-mismatch",
            description = {"Run even though the dataset targets another Lean/Mathlib than the project runs",
                "(lean.allow-version-mismatch); its results are labelled with the mismatch."})
    boolean allowVersionMismatch;

    /** The given options as settings of the command-flag layer, by key name. */
    Map<String, String> flags() {
        Map<String, String> flags = new LinkedHashMap<>();
        if (leanProject != null) {
            flags.put(LeanKeys.PROJECT.name(), leanProject);
        }
        if (allowVersionMismatch) {
            flags.put(LeanKeys.ALLOW_VERSION_MISMATCH.name(), "true");
        }
        if (budget != null) {
            Budget b;
            try {
                b = Budget.parse(budget);
            } catch (IllegalArgumentException e) {
                throw UserError.input("--budget: " + e.getMessage());
            }
            flags.putAll(SearchKeys.budget(b.attempts(), b.width(), b.expansions()));
        }
        if (alphas != null && !alphas.isEmpty()) {
            flags.put(SearchKeys.ALPHAS.name(), String.join(",", alphas.stream().map(String::valueOf).toList()));
        }
        if (temperature != null) {
            flags.put(SearchKeys.TEMPERATURE.name(), String.valueOf(temperature));
        }
        if (timeout != null) {
            flags.put(SearchKeys.TIME_LIMIT.name(), timeout);
        }
        if (seed != null) {
            flags.put(SearchKeys.SEED.name(), String.valueOf(seed));
        }
        if (wholeProof != null) {
            if (wholeProof < 1) {
                throw UserError.input("--whole-proof: proofs per attempt must be >= 1, got " + wholeProof);
            }
            flags.put(SearchKeys.MODE.name(), "whole-proof");
            flags.put(SearchKeys.SAMPLES.name(), String.valueOf(wholeProof));
        }
        if (revisions != null) {
            flags.put(SearchKeys.REVISIONS.name(), String.valueOf(revisions));
        }
        if (workers != null) {
            flags.put(SearchKeys.CONCURRENT_ATTEMPTS.name(), String.valueOf(workers));
        }
        return flags;
    }
}
