package dev.stepwise.prover.cli;

import dev.stepwise.lean.HostTools;
import dev.stepwise.prover.VersionInfo;
import dev.stepwise.lean.ReplStartException;
import dev.stepwise.prover.config.LeanKeys;
import dev.stepwise.prover.config.PolicyKeys;
import dev.stepwise.prover.config.SearchKeys;
import dev.stepwise.prover.config.SearchSettings;
import dev.stepwise.prover.config.Settings;
import dev.stepwise.prover.critic.SearchCritic;
import dev.stepwise.prover.eval.Budget;
import dev.stepwise.prover.eval.EvalConfig;
import dev.stepwise.prover.eval.EvalReport;
import dev.stepwise.prover.eval.EvalRequest;
import dev.stepwise.prover.eval.EvalService;
import dev.stepwise.prover.eval.ResultsOutput;
import dev.stepwise.prover.eval.RunBusyException;
import dev.stepwise.prover.eval.RunClaim;
import dev.stepwise.prover.eval.RunObserver;
import dev.stepwise.prover.lean.LeanSetup;
import dev.stepwise.prover.problems.Problem;
import dev.stepwise.prover.policy.PolicyConfig;
import dev.stepwise.prover.run.ProverStack;
import dev.stepwise.prover.run.WhatAnswered;
import dev.stepwise.prover.sim.SimulatedStack;
import dev.stepwise.prover.sim.model.ModelDialect;
import dev.stepwise.prover.store.RunKind;
import dev.stepwise.prover.store.Simulation;
import dev.stepwise.prover.store.Store;
import java.nio.file.Files;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Wires a prove or eval invocation: the simulator when asked for, the configuration, the store,
 * the Lean pool and policy, and the run service. Commands parse; this builds; the service runs.
 * Expert-iteration rounds start the simulator and the Lean pool through the same static methods.
 */
public final class RunLauncher {
    /** Keys that say where things are on this machine, not what the run is; they stay out of its identity. */
    private static final List<String> LOCAL_KEYS = List.of("store.", "lean.repl-command", "lean.scratch-dir", "model.url",
            "model.api-key", "search.critic-url");

    private final Application app;

    RunLauncher(Application app) {
        this.app = app;
    }

    /**
     * Runs the problems and returns the finished run's report, its result files written by
     * {@code results}; closes everything it opened, also when the run fails.
     *
     * @param dataset what the problems are (a dataset name or a file), for the run's record
     * @param results where the result files go, under the run's effective settings
     */
    EvalReport run(RunKind kind, String dataset, List<Problem> problems, RunOptions options, RunObserver observer,
            Function<Settings, ResultsOutput> results) {
        options.applyTo(app);
        SimulatedStack sim = options.simulate == null ? null : startSimulation(app, options.simulate);
        try {
            Settings s = app.settings();
            SearchCritic.check(s);
            EvalConfig config = config(dataset, problems, s, options.simulate == null ? "" : app.resolve(options.simulate).toString());
            LeanSetup lean = new LeanSetup(s, app.home(), app.workDir(), HostTools.fromEnvironment());
            List<String> headers = problems.stream().map(Problem::header).distinct().toList();
            EvalRequest request = new EvalRequest(kind, options.name, config, problems);
            // The run is looked up once, before Lean starts: a run live in another process is refused here.
            try (Store store = app.openStore(); RunClaim claim = EvalService.claim(store, request)) {
                if (claim instanceof RunClaim.Finished finished) {
                    // A finished run with this configuration is reported without starting Lean or the model.
                    return EvalService.report(store, finished.run(), results.apply(s));
                }
                return runWith(store, lean, headers, sim != null, request, claim, observer, results.apply(s));
            } catch (RunBusyException e) {
                throw UserError.environment(e.getMessage(), e);
            }
        } finally {
            if (sim != null) {
                sim.close();
            }
        }
    }

    /** @param simulatedRepl whether {@code --simulate} put the simulated REPL in (no sandbox warning then) */
    private EvalReport runWith(Store store, LeanSetup lean, List<String> headers, boolean simulatedRepl, EvalRequest request,
            RunClaim claim, RunObserver observer, ResultsOutput results) {
        Settings s = app.settings();
        if (!simulatedRepl) {
            lean.unsandboxedWarning().ifPresent(observer::warning);
        }
        try (ProverStack stack = openStack(app, lean, headers)) {
            SearchSettings search = new SearchSettings(s);
            EvalService service = new EvalService(store, stack, InstantSource.system(), observer, search.searchConfig(),
                    search.attemptPlan(), search.schedulerConfig(s.duration(LeanKeys.TACTIC_TIMEOUT)), results);
            return service.run(request, claim);
        } catch (RunBusyException e) {
            throw UserError.environment(e.getMessage(), e);
        } catch (ReplStartException e) {
            // Lean started, then no process could be started any more: as at the start, exit 3 with Lean's reason.
            throw UserError.environment("Lean stopped starting: " + e.getMessage()
                    + " (run 'bin/stepwise lean doctor')", e);
        }
    }

    /**
     * Starts the simulated model server of {@code world} and points the REPL command and the
     * policy at the simulator, in the command-flag layer ({@code --set} still wins). The caller
     * closes the stack.
     */
    public static SimulatedStack startSimulation(Application app, java.nio.file.Path world) {
        if (!Files.isRegularFile(app.resolve(world))) {
            throw UserError.input("world file " + world + " does not exist");
        }
        SimulatedStack sim = SimulatedStack.start(app.resolve(world), ModelDialect.VLLM);
        app.putCommandFlag(LeanKeys.REPL_COMMAND.name(), String.join(",", sim.replCommand()));
        app.putCommandFlag(PolicyKeys.KIND.name(), "server");
        app.putCommandFlag(PolicyKeys.URLS.name(), sim.modelUrl().toString());
        app.putCommandFlag(PolicyKeys.NAME.name(), sim.modelName());
        app.putCommandFlag(PolicyKeys.SERVER.name(), "vllm");
        // The simulated server also answers vLLM's pooling API, as a critic's server would.
        app.putCommandFlag(SearchKeys.CRITIC_URL.name(), sim.modelUrl().toString());
        return sim;
    }

    /**
     * Starts the Lean pool warmed with {@code headers} and opens the configured policy and critic;
     * Lean that cannot start is exit 3. The stack is labelled by what answered: the simulator is
     * SIMULATED whether {@code --simulate} or settings pointing at it by hand brought it in.
     */
    public static ProverStack openStack(Application app, LeanSetup lean, List<String> headers) {
        PolicyConfig policy = app.policyConfig();
        Simulation servers = WhatAnswered.servers(app.httpClient(), policy);
        return leanStarted(() -> ProverStack.open(lean, app.policyFactory(), policy,
                SearchCritic.open(app.settings(), app.httpClient()), headers, servers, VersionInfo.load().version(),
                InstantSource.system()));
    }

    /** The Lean pool alone, for searches that each bring their own policy ({@link ProverStack#withPolicy}). */
    public static ProverStack openLeanOnlyStack(LeanSetup lean, List<String> headers) {
        return leanStarted(() -> ProverStack.openLeanOnly(lean, headers, VersionInfo.load().version(), InstantSource.system()));
    }

    private static ProverStack leanStarted(Supplier<ProverStack> open) {
        try {
            return open.get();
        } catch (ReplStartException e) {
            throw UserError.environment("cannot start Lean: " + e.getMessage()
                    + " (run 'bin/stepwise lean doctor'; to try Stepwise without Lean, see --simulate)", e);
        }
    }

    /** @param world the simulated world file, or "" for a real run: a simulated run never resumes a real one */
    public static EvalConfig config(String dataset, List<Problem> problems, Settings s, String world) {
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
        settings.put("simulate", world);
        return new EvalConfig(dataset, problems.stream().map(Problem::name).toList(), budget, s.numbers(SearchKeys.ALPHAS),
                s.number(SearchKeys.TEMPERATURE), s.string(SearchKeys.SCORE_MODE), s.longValue(SearchKeys.SEED),
                s.duration(SearchKeys.TIME_LIMIT).toMillis() / 1000.0, settings);
    }
}
