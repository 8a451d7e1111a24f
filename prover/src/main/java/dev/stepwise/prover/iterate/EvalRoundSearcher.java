package dev.stepwise.prover.iterate;

import dev.stepwise.iteration.Conjecturer;
import dev.stepwise.iteration.IterationException;
import dev.stepwise.iteration.RoundSearcher;
import dev.stepwise.iteration.SearchedProblem;
import dev.stepwise.lean.ReplStartException;
import dev.stepwise.prover.app.Application;
import dev.stepwise.prover.app.EvalLauncher;
import dev.stepwise.prover.app.LeanTargetCheck;
import dev.stepwise.prover.app.Stacks;
import dev.stepwise.prover.app.WholeProofSetup;
import dev.stepwise.prover.eval.ResultsOutput;
import dev.stepwise.prover.config.ConfigException;
import dev.stepwise.prover.config.ConfigKey;
import dev.stepwise.prover.config.IterateKeys;
import dev.stepwise.prover.config.LeanKeys;
import dev.stepwise.prover.config.PolicyKeys;
import dev.stepwise.prover.config.SearchKeys;
import dev.stepwise.prover.config.SearchSettings;
import dev.stepwise.prover.config.Settings;
import dev.stepwise.prover.eval.Budget;
import dev.stepwise.prover.eval.EvalReport;
import dev.stepwise.prover.eval.EvalRequest;
import dev.stepwise.prover.eval.EvalService;
import dev.stepwise.prover.eval.QueuedSearch;
import dev.stepwise.prover.eval.RunBusyException;
import dev.stepwise.prover.eval.RunObserver;
import dev.stepwise.prover.lean.LeanSetup;
import dev.stepwise.prover.lean.ProjectChoice;
import dev.stepwise.prover.problems.Problem;
import dev.stepwise.prover.rounds.Round;
import dev.stepwise.prover.rounds.RoundRepository;
import dev.stepwise.prover.run.ProverStack;
import dev.stepwise.prover.store.ProblemStatus;
import dev.stepwise.prover.store.RoundId;
import dev.stepwise.prover.store.RunKind;
import dev.stepwise.prover.store.RunProblem;
import dev.stepwise.prover.store.Store;
import dev.stepwise.search.StartOutcome;
import dev.stepwise.search.Theorem;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * A round's searches through the eval machinery: each job is a stored run named by the round
 * (so a killed search resumes where it stopped), searched with the job's model and its
 * purpose's budget. The Lean pool starts at the first job and serves every job of the round;
 * only the policy changes between jobs.
 */
final class EvalRoundSearcher implements RoundSearcher, Conjecturer.StatementCheck, AutoCloseable {
    private final Application app;
    private final Store store;
    private final String poolName;
    private final Map<String, Problem> pool;
    private final String world;
    private final Function<Job, RunObserver> observers;
    private final LeanSetup setup;
    private final Optional<String> mismatch;
    private final EvalLauncher.Sharing sharing;
    private ProverStack lean;

    /**
     * @param world the simulated world file, or "" when the run is real
     * @param observers the progress display of each job
     * @param project the Lean project chosen for the pool's target ({@link LeanTargetCheck}); its
     *     mismatch, if the user allowed one, labels every run of the round
     * @param sharing whether the round's search stage (pre-pass and search) goes through the store's
     *     queue, shared with {@code stepwise worker --run round-N-search} on other hosts, and whether
     *     this process searches in it too; the held-out evaluation is always searched here, with
     *     the candidate this host serves
     */
    EvalRoundSearcher(Application app, Store store, String poolName, List<Problem> pool, String world,
            Function<Job, RunObserver> observers, LeanSetup setup, ProjectChoice project, EvalLauncher.Sharing sharing) {
        this.app = Objects.requireNonNull(app, "app");
        this.store = Objects.requireNonNull(store, "store");
        this.poolName = Objects.requireNonNull(poolName, "poolName");
        this.pool = new LinkedHashMap<>();
        for (Problem p : pool) {
            this.pool.put(p.name(), p);
        }
        this.world = Objects.requireNonNull(world, "world");
        this.observers = Objects.requireNonNull(observers, "observers");
        this.setup = setup.withProject(project.project());
        this.mismatch = project.mismatch();
        this.sharing = Objects.requireNonNull(sharing, "sharing");
    }

    @Override
    public List<SearchedProblem> search(Job job) {
        Settings s = app.settingsWith(overrides(app.settings(), job));
        List<Problem> problems = job.problems().stream().map(t -> problem(t, job.purpose())).toList();
        ProverStack shared = lean(job);
        try (ProverStack stack = Stacks.withPolicy(app, s, shared);
                // In whole-proof mode the round samples whole proofs with the job's model, as eval --whole-proof does.
                WholeProofSetup whole = WholeProofSetup.wanted(s) ? WholeProofSetup.open(app, s, stack) : null) {
            SearchSettings search = new SearchSettings(s);
            EvalService local = new EvalService(store, stack, InstantSource.system(), observers.apply(job), search.searchConfig(),
                    search.attemptPlan(), search.schedulerConfig(s.duration(LeanKeys.TACTIC_TIMEOUT)), ResultsOutput.NONE,
                    whole == null ? null : whole.attempts());
            // The search stage's runs through the queue: the run returns once every problem is finished (by this
            // process or the workers), so harvest starts only then.
            EvalService service = sharing == EvalLauncher.Sharing.NONE || job.purpose() == Purpose.EVALUATE ? local
                    : local.shared(QueuedSearch.thisProcess(), sharing == EvalLauncher.Sharing.SEARCH);
            RoundId round = new RoundRepository(store).find(job.round()).map(Round::id).orElseThrow(() -> new IllegalStateException(
                    "round " + job.round() + " is not recorded"));
            EvalReport run;
            try {
                run = service.run(new EvalRequest(kind(job.purpose()), job.runName(), EvalLauncher.config(poolName, problems, s,
                        world, mismatch), problems, round));
            } catch (ReplStartException | RunBusyException e) {
                // Lean stopped starting, or the run is live elsewhere: the environment's fault, as for eval (exit 3)
                throw new IterationException(IterationException.Kind.ENVIRONMENT, e.getMessage(), e);
            }
            List<RunProblem> unfinished = store.problems().list(run.run().id()).stream()
                    .filter(p -> switch (p.status()) {
                        case PROVED, UNPROVED, STATEMENT_ERROR -> false;
                        case PENDING, RUNNING, ERROR -> true;
                    }).toList();
            // A statement Lean's faults decided is not proved this round: its search already replayed the
            // steps Lean did not answer on fresh processes, and a tactic that times out or crashes Lean every
            // time would stop every resumed round here. Not a final no: a later round searches it again.
            List<RunProblem> faulted = unfinished.stream().filter(EvalRoundSearcher::leanFaulted).toList();
            List<RunProblem> stopped = unfinished.stream().filter(p -> !leanFaulted(p)).toList();
            if (!stopped.isEmpty()) {
                RunProblem first = stopped.getFirst();
                throw new IterationException(IterationException.Kind.ENVIRONMENT, stopped.size() + " of " + problems.size()
                        + " statements of run " + job.runName() + " could not be finished (" + first.problem().name() + ": "
                        + (first.error() == null ? "interrupted" : first.error()) + ")");
            }
            if (!faulted.isEmpty()) {
                RunProblem first = faulted.getFirst();
                observers.apply(job).warning(faulted.size() + " of " + problems.size() + " statements of run " + job.runName()
                        + " count as not proved in this round: Lean did not answer some of their steps, on fresh processes"
                        + " too (" + first.problem().name() + ": " + first.error() + ")");
            }
            return StoredAttemptTrees.of(store, run.run().id(), job.problems());
        }
    }

    private static boolean leanFaulted(RunProblem p) {
        return p.status() == ProblemStatus.ERROR && p.error() != null && p.error().startsWith(EvalService.LEAN_FAULTS);
    }

    /**
     * The job's model, seed and its purpose's budget, above every other setting: the round chose the
     * seed (fresh each round, the same for both models' evaluations), not search.seed as it is now.
     */
    static Map<String, String> overrides(Settings s, Job job) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put(PolicyKeys.NAME.name(), job.model());
        out.put(SearchKeys.SEED.name(), Long.toString(job.seed()));
        ConfigKey key = switch (job.purpose()) {
            case PREPASS -> IterateKeys.PREPASS_BUDGET;
            case SEARCH -> IterateKeys.SEARCH_BUDGET;
            case EVALUATE -> s.string(IterateKeys.EVAL_BUDGET).isBlank() ? IterateKeys.SEARCH_BUDGET : IterateKeys.EVAL_BUDGET;
            case CONJECTURE -> IterateKeys.SEARCH_BUDGET;
        };
        String budget = s.string(key);
        if (!budget.isBlank()) {
            Budget b = budget(key, budget);
            out.putAll(SearchKeys.budget(b.attempts(), b.width(), b.expansions()));
        }
        if (job.purpose() == Purpose.CONJECTURE) {
            // One attempt per job: the conjecture stage runs a job per attempt, since a search stops at its first proof.
            out.put(SearchKeys.ATTEMPTS.name(), "1");
        }
        return out;
    }

    /** Checks every budget key up front, so that a typo stops the round before any search. */
    static void checkBudgets(Settings s) {
        for (ConfigKey key : List.of(IterateKeys.SEARCH_BUDGET, IterateKeys.PREPASS_BUDGET, IterateKeys.EVAL_BUDGET)) {
            if (!s.string(key).isBlank()) {
                budget(key, s.string(key));
            }
        }
    }

    private static Budget budget(ConfigKey key, String text) {
        try {
            return Budget.parse(text);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(key.name() + ": " + e.getMessage());
        }
    }

    private static RunKind kind(Purpose purpose) {
        return switch (purpose) {
            case PREPASS -> RunKind.ROUND_PREPASS;
            case SEARCH -> RunKind.ROUND_SEARCH;
            case EVALUATE -> RunKind.ROUND_EVAL;
            // A conjecture's attempts are the round's search on statements of its own making.
            case CONJECTURE -> RunKind.ROUND_SEARCH;
        };
    }

    private Problem problem(Theorem t, Purpose purpose) {
        if (purpose == Purpose.CONJECTURE || isConjecture(t)) {
            // Not a pool statement: the round made it (the conjecture stage), under a generated name.
            return new Problem(t.name(), "conjecture", t.header(), t.statement(), "", "conjecture of an expert-iteration round");
        }
        Problem p = pool.get(t.name());
        if (p == null) {
            throw new IterationException(IterationException.Kind.USAGE, "statement " + t.name() + " is not in pool " + poolName
                    + " any more; a round resumes with the pool it started with");
        }
        return p;
    }

    private boolean isConjecture(Theorem t) {
        return t.name().startsWith(CONJECTURE_NAMESPACE) && !pool.containsKey(t.name());
    }

    /** The namespace the conjecture stage declares its statements in (ConjectureStage.NAMESPACE). */
    private static final String CONJECTURE_NAMESPACE = "StepwiseConjecture.";

    /**
     * Whether Lean elaborates a conjecture with {@code sorry} as its proof: the search's own start of a
     * proof (the statement sent as {@code theorem … := by sorry}), on the round's Lean pool. A fault of
     * Lean itself is no verdict on the statement, so it stops the stage (resumable) instead.
     */
    @Override
    public Optional<String> rejects(Theorem theorem) {
        ProverStack stack = lean(new Job(1, "conjecture-check", Purpose.CONJECTURE, "", List.of(), 0));
        return switch (stack.services().environment().start(theorem)) {
            case StartOutcome.Started st -> Optional.empty();
            case StartOutcome.StatementRejected r -> Optional.of(r.reason());
            case StartOutcome.Failed f -> throw new IterationException(IterationException.Kind.ENVIRONMENT,
                    "Lean could not check conjecture " + theorem.name() + ": " + f.reason());
        };
    }

    /** The round's Lean pool, started at the first job (which also shows the warning of an unsandboxed real REPL). */
    private ProverStack lean(Job first) {
        if (lean == null) {
            if (world.isEmpty()) {
                setup.unsandboxedWarning().ifPresent(observers.apply(first)::warning);
            }
            List<String> headers = pool.values().stream().map(Problem::header).distinct().toList();
            lean = Stacks.openLeanOnly(setup, headers);
        }
        return lean;
    }

    @Override
    public void close() {
        if (lean != null) {
            lean.close();
            lean = null;
        }
    }
}
