package dev.stepwise.prover.app;

import dev.stepwise.lean.HostTools;
import dev.stepwise.lean.ReplStartException;
import dev.stepwise.prover.config.CoreKeys;
import dev.stepwise.prover.config.LeanKeys;
import dev.stepwise.prover.config.SearchSettings;
import dev.stepwise.prover.config.Settings;
import dev.stepwise.prover.critic.SearchCritic;
import dev.stepwise.prover.eval.EvalConfig;
import dev.stepwise.prover.eval.QueuedSearch;
import dev.stepwise.prover.eval.RunObserver;
import dev.stepwise.prover.eval.SharedRunWorker;
import dev.stepwise.prover.exit.UserError;
import dev.stepwise.prover.lean.LeanSetup;
import dev.stepwise.prover.run.ProverStack;
import dev.stepwise.prover.store.Run;
import dev.stepwise.prover.store.RunKind;
import dev.stepwise.prover.store.RunProblem;
import dev.stepwise.prover.store.RunStatus;
import dev.stepwise.prover.store.Simulation;
import dev.stepwise.prover.store.Store;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Wires {@code stepwise worker}: finds a run that {@code eval --shared} created in the store,
 * rebuilds its search from the run's stored configuration (budget, seeds, alphas, policy
 * settings), brings this host's own Lean pool and policy endpoints, and searches the problems it
 * claims from the run's queue until none is left. The worker takes no run lock: the eval that
 * created the run holds that, and workers coordinate through the leases alone.
 */
public final class WorkerLauncher {
    private final Application app;

    /** @param app the application of the global options (--db, --set, --config) */
    public WorkerLauncher(Application app) {
        this.app = app;
    }

    /**
     * Works on run {@code runName} until every problem of it is finished (by this worker or others).
     *
     * @param simulate the simulated world, or null for the run's own (a run created with --simulate
     *     is worked on against its world, as {@code eval --resume} does)
     * @param localFlags this host's settings (its Lean project, its concurrency), above the run's
     * @return what this worker did
     */
    public SharedRunWorker.Tally run(String runName, Path simulate, Map<String, String> localFlags, RunObserver observer) {
        Run run;
        EvalConfig config;
        List<RunProblem> problems;
        try (Store store = app.openStore()) {
            run = store.runs().findByName(runName).orElseThrow(() -> UserError.input("no run '" + runName + "' in "
                    + store.location() + "; create it with: stepwise eval ... --shared --name " + runName));
            if (run.kind() != RunKind.EVAL) {
                throw UserError.input("run " + runName + " is a " + run.kind().code()
                        + " run; workers join eval runs (eval --shared)");
            }
            config = EvalConfig.fromJson(run.configJson());
            problems = store.problems().list(run.id());
            if (store.queue().unfinished(run.id()) == 0) {
                observer.alreadyComplete(runName);
                return new SharedRunWorker.Tally(0, 0);
            }
        }
        // The stored configuration defines the search; only where things are on this host may differ.
        Map<String, String> runSettings = new LinkedHashMap<>(config.settings());
        runSettings.remove(EvalConfig.SIMULATE);
        runSettings.remove(EvalConfig.LEAN_MISMATCH);
        String world = config.settings().getOrDefault(EvalConfig.SIMULATE, "");
        Path worldFile = simulate != null ? simulate : world.isEmpty() ? null : Path.of(world);
        Application configured = app.withFlags(runSettings).withFlags(localFlags);
        SimulatorSession sim = worldFile == null ? null : SimulatorSession.start(configured, worldFile);
        try {
            Application used = sim == null ? configured : sim.app();
            Settings s = used.settings();
            SearchCritic.check(s);
            if (WholeProofSetup.wanted(s)) {
                throw UserError.input("run " + runName + " is in whole-proof mode; workers search step by step only (not shared yet)");
            }
            LeanSetup configuredLean = new LeanSetup(s, used.home(), used.workDir(), HostTools.fromEnvironment());
            // The project as eval chose it: the one the dataset targets, unless the run or this host names one.
            LeanSetup lean = configuredLean.withProject(LeanTargetCheck.choose(used, configuredLean, config.dataset(), observer, sim)
                    .project());
            if (sim == null) {
                lean.unsandboxedWarning().ifPresent(observer::warning);
            }
            List<String> headers = problems.stream().map(p -> p.problem().header()).distinct().toList();
            try (Store store = used.openStore(); ProverStack stack = Stacks.open(used, lean, headers)) {
                if (stack.simulation() == Simulation.SIMULATED && run.simulation() == Simulation.REAL) {
                    // Part of it searched against the simulator: all of it is labelled so, as a resume does.
                    store.runs().markSimulated(run.id());
                }
                SearchSettings search = new SearchSettings(s);
                observer.runStarted(runName, problems.size(), 0, 0, true);
                SharedRunWorker.Tally tally = QueuedSearch.run(store, run, stack, search.searchConfig(), search.attemptPlan(),
                        search.schedulerConfig(s.duration(LeanKeys.TACTIC_TIMEOUT)), QueuedSearch.thisProcess(),
                        s.duration(CoreKeys.LEASE), InstantSource.system(), observer, observer::warning);
                if (store.problems().unfinished(run.id()).isEmpty()) {
                    // The eval that created the run may be gone (its host lost): the last worker closes the run.
                    store.runs().finish(run.id(), RunStatus.COMPLETED, InstantSource.system().instant());
                }
                return tally;
            } catch (ReplStartException e) {
                throw UserError.environment("Lean stopped starting: " + Stacks.withDoctorAdvice(e.getMessage(), ""), e);
            }
        } finally {
            if (sim != null) {
                sim.close();
            }
        }
    }
}
