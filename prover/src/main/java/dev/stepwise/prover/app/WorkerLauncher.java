package dev.stepwise.prover.app;

import dev.stepwise.lean.HostTools;
import dev.stepwise.lean.ReplStartException;
import dev.stepwise.prover.config.ConfigKey;
import dev.stepwise.prover.config.CoreKeys;
import dev.stepwise.prover.config.LeanKeys;
import dev.stepwise.prover.config.PolicyKeys;
import dev.stepwise.prover.config.SearchKeys;
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
import dev.stepwise.prover.store.DatabaseException;
import dev.stepwise.prover.store.Run;
import dev.stepwise.prover.store.RunKind;
import dev.stepwise.prover.store.RunProblem;
import dev.stepwise.prover.store.RunStatus;
import dev.stepwise.prover.store.Simulation;
import dev.stepwise.prover.store.Store;
import dev.stepwise.search.AttemptMode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Wires {@code stepwise worker}: finds a run that {@code eval --shared} created in the store,
 * rebuilds its search from the run's stored configuration (budget, seeds, alphas, policy
 * settings), brings this host's own Lean pool and policy endpoints, and searches the problems it
 * claims from the run's queue until none is left. The worker takes no run lock: the eval that
 * created the run holds that, and workers coordinate through the leases alone.
 */
public final class WorkerLauncher {
    /**
     * The runs a worker joins: evaluations and a round's search stage (iterate --shared), whose
     * problems go through the queue; a round's held-out evaluation is searched by iterate alone.
     */
    private static final Set<RunKind> SHARED_KINDS = Set.of(RunKind.EVAL, RunKind.ROUND_PREPASS, RunKind.ROUND_SEARCH);

    /**
     * Keys whose default means "what the template's model was released with" ({@code PolicyConfig},
     * {@link WholeProofSetup}): the eval that stored them at their default used the released value.
     * (A run whose user set one of them to exactly its default reads as default here too.)
     */
    private static final List<ConfigKey> RELEASED_WHEN_DEFAULT = List.of(PolicyKeys.PROMPT_BUDGET, PolicyKeys.PROMPT_CHARS,
            PolicyKeys.MAX_TOKENS, PolicyKeys.TOP_P);

    private final Application app;

    /** @param app the application of the global options (--db, --set, --config) */
    public WorkerLauncher(Application app) {
        this.app = app;
    }

    /** How often a worker looks for a run that is not there yet. */
    static final Duration LOOK_EVERY = Duration.ofSeconds(1);
    /** How often it says so on stderr while it waits. */
    static final Duration SAY_EVERY = Duration.ofSeconds(5);

    /**
     * Works on run {@code runName} until every problem of it is finished (by this worker or others).
     * A run that is not in the store yet (the eval that creates it has not started, or is still
     * starting its Lean) is waited for, saying so every few seconds, up to {@code giveUpAfter}.
     *
     * @param simulate the simulated world, or null for the run's own (a run created with --simulate
     *     is worked on against its world, as {@code eval --resume} does)
     * @param localFlags this host's settings (its Lean project, its concurrency), above the run's
     * @param giveUpAfter how long to wait for the run to exist, or null to wait until it does
     * @return what this worker did
     */
    public SharedRunWorker.Tally run(String runName, Path simulate, Map<String, String> localFlags, Duration giveUpAfter,
            RunObserver observer) {
        Run run;
        EvalConfig config;
        List<RunProblem> problems;
        try (Store store = app.openStore()) {
            run = awaitRun(store, runName, giveUpAfter, observer);
            if (!SHARED_KINDS.contains(run.kind())) {
                throw UserError.input("run " + runName + " is a " + run.kind().code()
                        + " run; workers join eval runs (eval --shared) and rounds' search runs (iterate --shared)");
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
        for (ConfigKey key : RELEASED_WHEN_DEFAULT) {
            // Stored with every other key, a default would read here as set, and this host would use it where
            // the eval used the template's released value: left to the defaults, as the eval left it.
            if (runSettings.containsKey(key.name()) && runSettings.get(key.name()).equals(key.type().format(key.defaultValue()))) {
                runSettings.remove(key.name());
            }
        }
        // The temperature the eval sampled at (in whole-proof mode, the template's when left at default) is stored as such.
        runSettings.put(SearchKeys.TEMPERATURE.name(), SearchKeys.TEMPERATURE.type().format(config.temperature()));
        String world = config.settings().getOrDefault(EvalConfig.SIMULATE, "");
        Path worldFile = simulate != null ? simulate : world.isEmpty() ? null : Path.of(world);
        Application configured = app.withFlags(runSettings).withFlags(localFlags);
        SimulatorSession sim = worldFile == null ? null : SimulatorSession.start(configured, worldFile);
        try {
            String model = runSettings.get(PolicyKeys.NAME.name());
            if (sim != null && model != null && !model.equals(sim.stack().modelName())) {
                // This host's simulated server serves only the world's model: an adapter an earlier round trained
                // and loaded lives in the simulator of the process that loaded it. Searching the base model instead
                // would give other results under the same run.
                throw UserError.input("run " + runName + " searches with model " + model + ", which the simulated model"
                        + " server of this worker does not serve (only " + sim.stack().modelName() + "); search that"
                        + " round in stepwise iterate itself (without --coordinate)");
            }
            Application used = sim == null ? configured : sim.app();
            Settings s = used.settings();
            SearchCritic.check(s);
            List<AttemptMode> modes = AttemptMode.listOf(s.string(SearchKeys.MODE));
            if (!modes.equals(List.of(AttemptMode.STEP)) && !modes.equals(List.of(AttemptMode.WHOLE_PROOF))) {
                throw UserError.input("run " + runName + " is in " + s.string(SearchKeys.MODE)
                        + " mode; workers search step by step or sample whole proofs only (not shared yet)");
            }
            WholeProofSetup.check(used, s);
            LeanSetup configuredLean = new LeanSetup(s, used.home(), used.workDir(), HostTools.fromEnvironment());
            // The project as eval chose it: the one the dataset targets, unless the run or this host names one.
            LeanSetup lean = configuredLean.withProject(LeanTargetCheck.choose(used, configuredLean, config.dataset(), observer, sim)
                    .project());
            if (sim == null) {
                lean.unsandboxedWarning().ifPresent(observer::warning);
            }
            List<String> headers = problems.stream().map(p -> p.problem().header()).distinct().toList();
            try (Store store = used.openStore(); ProverStack stack = Stacks.open(used, lean, headers);
                    WholeProofSetup whole = WholeProofSetup.wanted(s) ? WholeProofSetup.open(used, s, stack) : null) {
                if (stack.simulation() == Simulation.SIMULATED && run.simulation() == Simulation.REAL) {
                    // Part of it searched against the simulator: all of it is labelled so, as a resume does.
                    store.runs().markSimulated(run.id());
                }
                SearchSettings search = new SearchSettings(s);
                observer.runStarted(runName, problems.size(), 0, 0, true);
                SharedRunWorker.Tally tally = QueuedSearch.run(store, run, stack, search.searchConfig(), search.attemptPlan(),
                        search.schedulerConfig(s.duration(LeanKeys.TACTIC_TIMEOUT)), whole == null ? null : whole.attempts(),
                        QueuedSearch.thisProcess(), s.duration(CoreKeys.LEASE), InstantSource.system(), observer,
                        observer::warning);
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

    /**
     * The run named {@code runName} once it is there with its problems (an eval creates the run,
     * then adds its problems: a run seen between the two is not ready yet). While it is not, or
     * while the database is out of reach, looks again every {@link #LOOK_EVERY} and says what it
     * waits for every {@link #SAY_EVERY}.
     *
     * @throws UserError (exit 2) when {@code giveUpAfter} passes first
     */
    private static Run awaitRun(Store store, String runName, Duration giveUpAfter, RunObserver observer) {
        long start = System.nanoTime();
        long saidAt = Long.MIN_VALUE;
        while (true) {
            String missing;
            try {
                Optional<Run> found = store.runs().findByName(runName);
                if (found.isPresent() && !store.problems().list(found.get().id()).isEmpty()) {
                    return found.get();
                }
                missing = found.isEmpty() ? "no run '" + runName + "' in " + store.location()
                        : "run " + runName + " in " + store.location() + " has no problems yet";
            } catch (DatabaseException e) {
                if (!e.outage()) {
                    throw e;
                }
                missing = "the database is out of reach (" + e.getMessage() + ")";
            }
            Duration waited = Duration.ofNanos(System.nanoTime() - start);
            if (giveUpAfter != null && waited.compareTo(giveUpAfter) >= 0) {
                throw UserError.input(missing + (giveUpAfter.isZero() ? "" : " after waiting " + seconds(waited))
                        + "; create it with: stepwise eval ... --shared --name " + runName);
            }
            if (saidAt == Long.MIN_VALUE || System.nanoTime() - saidAt >= SAY_EVERY.toNanos()) {
                saidAt = System.nanoTime();
                observer.waiting("run " + runName + " to be created by stepwise eval ... --shared --name " + runName
                        + " (or iterate --shared): " + missing + "; waited " + seconds(waited)
                        + (giveUpAfter == null ? "" : ", giving up after " + seconds(giveUpAfter)));
            }
            try {
                Thread.sleep(giveUpAfter == null ? LOOK_EVERY : min(LOOK_EVERY, giveUpAfter.minus(waited)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for run " + runName, e);
            }
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static String seconds(Duration d) {
        return d.toSeconds() + " s";
    }
}
