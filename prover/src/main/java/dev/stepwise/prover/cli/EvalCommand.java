package dev.stepwise.prover.cli;

import dev.stepwise.prover.eval.EvalConfig;
import dev.stepwise.prover.app.Application;
import dev.stepwise.prover.app.EvalLauncher;
import dev.stepwise.prover.config.CoreKeys;
import dev.stepwise.prover.config.Settings;
import dev.stepwise.prover.console.ConsoleProgress;
import dev.stepwise.prover.console.StopHint;
import dev.stepwise.prover.eval.EvalReport;
import dev.stepwise.prover.eval.ProblemResult;
import dev.stepwise.prover.eval.ResultsFiles;
import dev.stepwise.prover.eval.ResultsOutput;
import dev.stepwise.prover.eval.RunInfo;
import dev.stepwise.prover.eval.RunSummary;
import dev.stepwise.prover.eval.StoredRun;
import dev.stepwise.prover.exit.ExitCode;
import dev.stepwise.prover.exit.UserError;
import dev.stepwise.prover.problems.DatasetCatalog;
import dev.stepwise.prover.problems.Problem;
import dev.stepwise.prover.store.Attempt;
import dev.stepwise.prover.store.SketchHole;
import dev.stepwise.search.AttemptMode;
import java.util.EnumMap;
import dev.stepwise.prover.store.RunKind;
import dev.stepwise.prover.store.Store;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code stepwise eval}: a benchmark run over a dataset, stored as it goes and resumable. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = {"Evaluate on a dataset: every problem searched concurrently under the global caps, every result "
            + "stored as it is known. An interrupted run (kill -9, power loss, model server gone) continues "
            + "with --resume RUN or by running the same command again. Writes results.jsonl and results.md "
            + "under store.runs-dir/RUN/.",
            "Exit 0 when every problem was proved, 1 when any was not (unproved, or failed: then the last line "
            + "says how to resume), 2 bad input, 3 no Lean/model."},
        subcommands = EvalCommand.Compare.class)
final class EvalCommand implements Callable<Integer> {
    private final Invocation invocation;

    @Spec
    CommandSpec spec;

    @Option(names = "--dataset", paramLabel = "NAME|FILE", completionCandidates = DatasetNames.class, description = "A dataset name (see 'datasets list') or a .jsonl/.lean file.")
    String dataset;

    @Option(names = "--problems", paramLabel = "P", split = ",", description = "Only these problems.")
    List<String> only;

    @Option(names = "--limit", paramLabel = "N", description = "Only the first N problems (after --problems).")
    Integer limit;

    @Option(names = "--resume", paramLabel = "RUN", description = "Continue this run with its stored configuration.")
    String resume;

    @Option(names = "--shared", description = "Share the run with 'stepwise worker --run NAME' processes on other hosts "
            + "(a PostgreSQL --db): its problems are claimed from the store's queue, by this eval and every worker.")
    boolean shared;

    @Option(names = "--coordinate", description = "With --shared: search nothing here; follow the workers' progress and "
            + "write the results when no problem is left (Lean and the model are still started, to record their versions).")
    boolean coordinate;

    @Mixin
    RunOptions options = new RunOptions();

    EvalCommand(Invocation invocation) {
        this.invocation = invocation;
    }

    @Override
    public Integer call() {
        if ((dataset == null) == (resume == null)) {
            throw UserError.input("give either --dataset NAME|FILE or --resume RUN");
        }
        if (resume != null) {
            return resumeRun();
        }
        List<Problem> problems = select(new DatasetCatalog(invocation.app().home(), invocation.app().workDir()).load(dataset));
        try (StopHint progress = progress()) {
            return finish(new EvalLauncher(invocation.app(options.flags())).run(RunKind.EVAL, dataset, problems, options.name,
                    options.simulate, progress, this::resultsFiles, sharing()));
        }
    }

    private EvalLauncher.Sharing sharing() {
        if (coordinate && !shared) {
            throw UserError.input("--coordinate needs --shared");
        }
        return coordinate ? EvalLauncher.Sharing.COORDINATE : shared ? EvalLauncher.Sharing.SEARCH : EvalLauncher.Sharing.NONE;
    }

    private int resumeRun() {
        StoredRun stored;
        try (Store store = invocation.app().openStore()) {
            stored = RunsCommand.require(store, resume);
        }
        List<Problem> problems = new DatasetCatalog(invocation.app().home(), invocation.app().workDir()).load(stored.config().dataset());
        Map<String, Problem> byName = problems.stream().collect(Collectors.toMap(Problem::name, Function.identity()));
        List<Problem> selected = new ArrayList<>();
        for (String name : stored.config().problems()) {
            Problem p = byName.get(name);
            if (p == null) {
                throw UserError.input("run " + resume + " has problem '" + name + "', which " + stored.config().dataset()
                        + " no longer has");
            }
            selected.add(p);
        }
        // The stored configuration defines the run; only where things are on this machine may differ.
        Map<String, String> runSettings = new LinkedHashMap<>(stored.config().settings());
        runSettings.remove(EvalConfig.SIMULATE);
        // Said again by this invocation's own check of the project, not a setting a user may give.
        runSettings.remove(EvalConfig.LEAN_MISMATCH);
        String world = stored.config().settings().getOrDefault(EvalConfig.SIMULATE, "");
        if (!world.isEmpty() && options.simulate == null) {
            options.simulate = Path.of(world);
        }
        // The command's own options go above the run's configuration, as on the first run.
        Application app = invocation.app().withFlags(runSettings).withFlags(options.flags());
        try (StopHint progress = progress()) {
            return finish(new EvalLauncher(app).run(RunKind.EVAL, stored.config().dataset(), selected, resume, options.simulate,
                    progress, this::resultsFiles, sharing()));
        }
    }

    private List<Problem> select(List<Problem> problems) {
        List<Problem> out = problems;
        if (only != null && !only.isEmpty()) {
            Set<String> wanted = new LinkedHashSet<>(only);
            out = problems.stream().filter(p -> wanted.contains(p.name())).toList();
            Set<String> found = out.stream().map(Problem::name).collect(Collectors.toSet());
            List<String> missing = wanted.stream().filter(w -> !found.contains(w)).toList();
            if (!missing.isEmpty()) {
                throw UserError.input("no problem(s) " + String.join(", ", missing) + " in " + dataset);
            }
        }
        if (limit != null) {
            if (limit < 1) {
                throw UserError.input("--limit must be >= 1, got " + limit);
            }
            out = out.subList(0, Math.min(limit, out.size()));
        }
        return out;
    }

    /** The progress display, and the resume command should a signal stop the run. */
    private StopHint progress() {
        PrintWriter err = spec.commandLine().getErr();
        return new StopHint(err, run -> "stepwise eval --resume " + run,
                new ConsoleProgress(err, InstantSource.system(), false, options.simulate));
    }

    private ResultsOutput resultsFiles(Settings s) {
        return ResultsFiles.under(invocation.app().resolve(s.path(CoreKeys.RUNS_DIR)));
    }

    private int finish(EvalReport run) {
        PrintWriter out = spec.commandLine().getOut();
        RunSummary summary = run.summary();
        out.println();
        out.print(ResultsFiles.summary(run.info(), summary));
        out.println();
        out.println("results: " + run.files().get(0) + " and " + run.files().get(1).getFileName());
        if (summary.failed() > 0) {
            out.printf(Locale.ROOT, "%d problem(s) could not be finished; continue with: stepwise eval --resume %s%n",
                    summary.failed(), run.run().name());
        }
        out.flush();
        // As for prove: the answer is "no" (exit 1) when any problem is not proved, whether Lean or the
        // model said no (unproved) or could not answer (failed: the line above says how to resume).
        return summary.solved() < summary.total() ? ExitCode.NO.code() : ExitCode.OK.code();
    }

    @Command(name = "compare", mixinStandardHelpOptions = true,
            description = "Which problems each of two runs solved, and the difference in pass rate.")
    static final class Compare implements Runnable {
        private final Invocation invocation;

        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "RUN1")
        String first;

        @Parameters(index = "1", paramLabel = "RUN2")
        String second;

        Compare(Invocation invocation) {
            this.invocation = invocation;
        }

        @Override
        public void run() {
            PrintWriter out = spec.commandLine().getOut();
            try (Store store = invocation.app().openStore()) {
                StoredRun runA = RunsCommand.require(store, first);
                StoredRun runB = RunsCommand.require(store, second);
                Map<String, ProblemResult> a = byName(runA.results());
                Map<String, ProblemResult> b = byName(runB.results());
                Set<String> all = new LinkedHashSet<>(a.keySet());
                all.addAll(b.keySet());
                List<String> onlyA = all.stream().filter(n -> proved(a, n) && !proved(b, n)).toList();
                List<String> onlyB = all.stream().filter(n -> !proved(a, n) && proved(b, n)).toList();
                long both = all.stream().filter(n -> proved(a, n) && proved(b, n)).count();
                RunSummary sa = RunSummary.of(List.copyOf(a.values()));
                RunSummary sb = RunSummary.of(List.copyOf(b.values()));
                out.printf(Locale.ROOT, "%-30s %d / %d (%.1f%%)%n", first, sa.solved(), sa.total(), 100 * sa.passRate());
                describe(out, runA, a.values());
                out.printf(Locale.ROOT, "%-30s %d / %d (%.1f%%)%n", second, sb.solved(), sb.total(), 100 * sb.passRate());
                describe(out, runB, b.values());
                out.printf(Locale.ROOT, "difference %+.1f points; solved by both: %d%n", 100 * (sb.passRate() - sa.passRate()), both);
                out.println("only " + first + " (" + onlyA.size() + "): " + String.join(", ", onlyA));
                out.println("only " + second + " (" + onlyB.size() + "): " + String.join(", ", onlyB));
                if (!a.keySet().equals(b.keySet())) {
                    out.println("note: the runs do not cover the same problems");
                }
            }
            out.flush();
        }

        /**
         * How the run looked for proofs and what that cost per theorem, so a step run and a whole-proof
         * run of the same problems read side by side. Model calls are policy requests (a step search's
         * expansions, a whole-proof attempt's requests of search.sample-batch proofs); Lean calls are
         * tactic applications in step mode and whole-proof checks in whole-proof mode. A whole-proof
         * run also shows the proofs it sampled and the revisions it made of them, each as stored.
         */
        private static void describe(PrintWriter out, StoredRun run, Collection<ProblemResult> results) {
            RunInfo info = run.info();
            String mode = info.mode().equals("step") ? "step (A×W×N " + info.budget() + ")" : info.mode();
            out.println("  mode: " + mode);
            int n = Math.max(1, results.size());
            double calls = results.stream().mapToLong(ProblemResult::expansions).sum() / (double) n;
            double tokens = results.stream().mapToLong(ProblemResult::tokens).sum() / (double) n;
            double lean = results.stream().mapToLong(ProblemResult::tacticCalls).sum() / (double) n;
            double wall = results.stream().mapToLong(r -> r.time().toMillis()).sum() / 1000.0 / n;
            out.printf(Locale.ROOT, "  per theorem: %.1f model calls, %.0f tokens, %.1f Lean calls, %.2f s wall%n",
                    calls, tokens, lean, wall);
            List<Attempt> all = run.problems().stream().flatMap(p -> p.attempts().stream()).toList();
            if (info.mode().contains("whole-proof")) {
                List<Attempt> attempts = all.stream().filter(a -> a.mode() == AttemptMode.WHOLE_PROOF).toList();
                out.printf(Locale.ROOT, "  whole proofs per theorem: %.1f sampled, %.1f revisions%n",
                        attempts.stream().mapToLong(Attempt::samples).sum() / (double) n,
                        attempts.stream().mapToLong(Attempt::revisions).sum() / (double) n);
            }
            if (info.mode().contains("sketch")) {
                // A sketch attempt's samples are the sketches its planner wrote; its holes are stored beside it.
                List<Attempt> attempts = all.stream().filter(a -> a.mode() == AttemptMode.SKETCH).toList();
                Map<SketchHole.Status, Long> holes = attempts.stream().flatMap(a -> run.holes(a).stream())
                        .collect(Collectors.groupingBy(SketchHole::status, () -> new EnumMap<>(SketchHole.Status.class),
                                Collectors.counting()));
                out.printf(Locale.ROOT, "  sketches per theorem: %.1f; holes per theorem: %.1f proved, %.1f from the cache, "
                        + "%.1f failed%n", attempts.stream().mapToLong(Attempt::samples).sum() / (double) n,
                        holes.getOrDefault(SketchHole.Status.PROVED, 0L) / (double) n,
                        holes.getOrDefault(SketchHole.Status.CACHED, 0L) / (double) n,
                        holes.getOrDefault(SketchHole.Status.FAILED, 0L) / (double) n);
            }
        }

        private static Map<String, ProblemResult> byName(List<ProblemResult> results) {
            return results.stream().collect(Collectors.toMap(ProblemResult::name, Function.identity(), (x, y) -> x,
                    java.util.LinkedHashMap::new));
        }

        private static boolean proved(Map<String, ProblemResult> results, String name) {
            ProblemResult r = results.get(name);
            return r != null && r.proved();
        }
    }
}
