package dev.stepwise.prover.app;

import dev.stepwise.lean.HostTools;
import dev.stepwise.lean.ReplStartException;
import dev.stepwise.prover.config.LeanKeys;
import dev.stepwise.prover.config.SearchKeys;
import dev.stepwise.prover.config.SearchSettings;
import dev.stepwise.prover.config.Settings;
import dev.stepwise.prover.critic.SearchCritic;
import dev.stepwise.prover.eval.Budget;
import dev.stepwise.prover.eval.EvalConfig;
import dev.stepwise.prover.eval.EvalReport;
import dev.stepwise.prover.eval.EvalRequest;
import dev.stepwise.prover.eval.EvalService;
import dev.stepwise.prover.eval.QueuedSearch;
import dev.stepwise.prover.eval.ResultsOutput;
import dev.stepwise.prover.eval.RunClaim;
import dev.stepwise.prover.eval.RunLookup;
import dev.stepwise.prover.eval.RunObserver;
import dev.stepwise.prover.exit.UserError;
import dev.stepwise.prover.lean.LeanSetup;
import dev.stepwise.prover.lean.ProjectChoice;
import dev.stepwise.prover.problems.Problem;
import dev.stepwise.prover.run.ModeAttempts;
import dev.stepwise.prover.run.ProverStack;
import dev.stepwise.search.AttemptMode;
import dev.stepwise.prover.store.RunKind;
import dev.stepwise.prover.store.Store;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Wires a prove or eval run: the simulator when asked for, the configuration, the store, the
 * Lean pool and policy, and the run service. Commands parse; this builds; the service runs.
 */
public final class EvalLauncher {
    /** Keys that say where things are on this machine, not what the run is; they stay out of its identity. */
    private static final List<String> LOCAL_KEYS = List.of("store.", "lean.repl-command", "lean.scratch-dir", "model.url",
            "model.api-key", "search.critic-url", "planner.url", "planner.api-key");

    private final Application app;

    /** @param app the application with the command's own flags (budget, seed, a resumed run's configuration) */
    public EvalLauncher(Application app) {
        this.app = app;
    }

    /**
     * Runs the problems and returns the finished run's report, its result files written by
     * {@code results}; closes everything it opened, also when the run fails.
     *
     * @param dataset what the problems are (a dataset name or a file), for the run's record
     * @param name the run's name, or null for one made from the dataset and the time
     * @param simulate the simulated world to run against, or null for a real run
     * @param results where the result files go, under the run's effective settings
     */
    public EvalReport run(RunKind kind, String dataset, List<Problem> problems, String name, Path simulate,
            RunObserver observer, Function<Settings, ResultsOutput> results) {
        return run(kind, dataset, problems, name, simulate, observer, results, Sharing.NONE);
    }

    /** Whether a run is shared with {@code stepwise worker} processes, and whether this process searches in it. */
    public enum Sharing {
        /** One process: problems searched here, all at once under the global caps. */
        NONE,
        /** Problems claimed from the store's queue, by this process and every worker. */
        SEARCH,
        /** Problems claimed by workers only; this process follows their progress and reports. */
        COORDINATE
    }

    /** @param sharing whether workers on other hosts share the run, and whether this process searches too */
    public EvalReport run(RunKind kind, String dataset, List<Problem> problems, String name, Path simulate,
            RunObserver observer, Function<Settings, ResultsOutput> results, Sharing shared) {
        SimulatorSession sim = simulate == null ? null : SimulatorSession.start(app, simulate);
        try {
            Application used = sim == null ? app : sim.app();
            Settings s = used.settings();
            SearchCritic.check(s);
            // Before Lean starts (minutes with Mathlib): whole-proof mode without a model server cannot run.
            WholeProofSetup.check(used, s);
            SketchSetup.check(used, s);
            LeanSetup configured = new LeanSetup(s, used.home(), used.workDir(), HostTools.fromEnvironment());
            ProjectChoice choice = LeanTargetCheck.choose(used, configured, dataset, observer, sim);
            LeanSetup lean = configured.withProject(choice.project());
            EvalConfig config = config(dataset, problems, s, simulate == null ? "" : used.resolve(simulate).toString(),
                    choice.mismatch());
            List<String> headers = problems.stream().map(Problem::header).distinct().toList();
            EvalRequest request = new EvalRequest(kind, name, config, problems);
            // The run is looked up once, before Lean starts: a run live in another process is refused here.
            try (Store store = used.openStore(); RunClaim claim = RunLookup.claim(store, request)) {
                if (claim instanceof RunClaim.Finished finished) {
                    // A finished run with this configuration is reported without starting Lean or the model.
                    observer.alreadyComplete(finished.run().name());
                    return EvalService.report(store, finished.run(), results.apply(s));
                }
                return runWith(used, store, lean, headers, sim != null, request, claim, observer, results.apply(s), shared);
            }
        } finally {
            if (sim != null) {
                sim.close();
            }
        }
    }

    /** @param simulatedRepl whether {@code --simulate} put the simulated REPL in (no sandbox warning then) */
    private static EvalReport runWith(Application app, Store store, LeanSetup lean, List<String> headers, boolean simulatedRepl,
            EvalRequest request, RunClaim claim, RunObserver observer, ResultsOutput results, Sharing shared) {
        Settings s = app.settings();
        if (!simulatedRepl) {
            lean.unsandboxedWarning().ifPresent(observer::warning);
        }
        try (ProverStack stack = Stacks.open(app, lean, headers);
                WholeProofSetup whole = WholeProofSetup.wanted(s) ? WholeProofSetup.open(app, s, stack) : null;
                SketchSetup sketch = SketchSetup.wanted(s) ? SketchSetup.open(app, s, stack) : null) {
            SearchSettings search = new SearchSettings(s);
            List<ModeAttempts> others = new java.util.ArrayList<>();
            if (whole != null) {
                others.add(whole.attempts());
            }
            if (sketch != null) {
                others.add(sketch.attempts());
            }
            EvalService service = new EvalService(store, stack, InstantSource.system(), observer, search.searchConfig(),
                    search.attemptPlan(), search.schedulerConfig(s.duration(LeanKeys.TACTIC_TIMEOUT)), results,
                    AttemptMode.listOf(s.string(SearchKeys.MODE)), others);
            // The queue shares a step search or whole-proof sampling (each problem's attempts made by
            // the process that claims it); a sketch's planner and holes, or a mixed order, not yet.
            if (shared != Sharing.NONE && (sketch != null || others.size() + (AttemptMode.listOf(s.string(SearchKeys.MODE))
                    .contains(AttemptMode.STEP) ? 1 : 0) > 1)) {
                throw UserError.input("a shared run (--shared) searches step by step or samples whole proofs; search.mode="
                        + s.string(SearchKeys.MODE) + " is not shared yet");
            }
            return (shared == Sharing.NONE ? service : service.shared(QueuedSearch.thisProcess(), shared == Sharing.SEARCH))
                    .run(request, claim);
        } catch (ReplStartException e) {
            // Lean started, then no process could be started any more: as at the start, exit 3 with Lean's reason.
            throw UserError.environment("Lean stopped starting: " + Stacks.withDoctorAdvice(e.getMessage(), ""), e);
        }
    }

    /** @param world the simulated world file, or "" for a real run: a simulated run never resumes a real one */
    public static EvalConfig config(String dataset, List<Problem> problems, Settings s, String world) {
        return config(dataset, problems, s, world, Optional.empty());
    }

    /**
     * @param mismatch the line saying that the dataset targets another Lean than the project runs,
     *     when the user allowed that: kept in the run's configuration ({@link EvalConfig#LEAN_MISMATCH}),
     *     so every table of the run's numbers shows it and a matching run never resumes it
     */
    public static EvalConfig config(String dataset, List<Problem> problems, Settings s, String world,
            Optional<String> mismatch) {
        long expansions = s.longValue(SearchKeys.MAX_EXPANSIONS);
        Budget budget = new Budget(s.integer(SearchKeys.ATTEMPTS), s.integer(SearchKeys.WIDTH),
                expansions <= 0 ? Budget.UNLIMITED : (int) Math.min(Integer.MAX_VALUE, expansions));
        Map<String, String> settings = new LinkedHashMap<>();
        for (Settings.Entry e : s.entries()) {
            // A key without a value (e.g. no lean.project: the installation's) is left to its default.
            if (e.value() != null && LOCAL_KEYS.stream().noneMatch(k -> e.key().name().startsWith(k))) {
                settings.put(e.key().name(), e.text());
            }
        }
        settings.put(EvalConfig.SIMULATE, world);
        mismatch.ifPresent(m -> settings.put(EvalConfig.LEAN_MISMATCH, m));
        return new EvalConfig(dataset, problems.stream().map(Problem::name).toList(), budget, s.numbers(SearchKeys.ALPHAS),
                WholeProofSetup.temperature(s), s.string(SearchKeys.SCORE_MODE), s.longValue(SearchKeys.SEED),
                s.duration(SearchKeys.TIME_LIMIT).toMillis() / 1000.0, settings);
    }
}
