package dev.stepwise.prover.cli;

import dev.stepwise.prover.exit.ExitCode;
import dev.stepwise.prover.exit.UserError;
import dev.stepwise.prover.problems.DatasetCatalog;
import dev.stepwise.prover.problems.Defect;
import dev.stepwise.prover.problems.Problem;
import dev.stepwise.prover.problems.ProblemFileException;
import dev.stepwise.prover.problems.ProblemSet;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code stepwise datasets}: the shipped benchmarks and users' problem files. */
@Command(name = "datasets", mixinStandardHelpOptions = true,
        description = "List, show and check problem sets (shipped datasets, JSONL files, Lean statement files).",
        subcommands = {DatasetsCommand.ListCommand.class, DatasetsCommand.Show.class, DatasetsCommand.Check.class})
final class DatasetsCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static DatasetCatalog catalog(Invocation invocation) {
        return new DatasetCatalog(invocation.app().home(), invocation.app().workDir());
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Name, problem count, Lean/Mathlib version targeted and source of every shipped dataset.")
    static final class ListCommand implements Runnable {
        private final Invocation invocation;

        @Spec
        CommandSpec spec;

        ListCommand(Invocation invocation) {
            this.invocation = invocation;
        }

        @Override
        public void run() {
            PrintWriter out = spec.commandLine().getOut();
            DatasetCatalog catalog = catalog(invocation);
            out.printf("%-24s %8s  %-11s %-36s %s%n", "NAME", "PROBLEMS", "LEAN", "MATHLIB", "SOURCE");
            for (DatasetCatalog.Entry e : catalog.entries()) {
                int count = DatasetCatalog.loadPath(e.path(), e.name()).problems().size();
                out.printf("%-24s %8d  %-11s %-36s %s%n", e.name(), count, e.lean(), e.mathlib(), e.source());
            }
            out.flush();
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Show a dataset: its problem names, or with --problem one problem as a complete Lean file.")
    static final class Show implements Runnable {
        private final Invocation invocation;

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "DATASET", description = "A dataset name (see 'datasets list') or a .jsonl/.lean file.")
        String dataset;

        @Option(names = "--problem", paramLabel = "NAME", description = "Print this problem as a Lean file.")
        String problem;

        Show(Invocation invocation) {
            this.invocation = invocation;
        }

        @Override
        public void run() {
            PrintWriter out = spec.commandLine().getOut();
            ProblemSet set = catalog(invocation).loadSet(dataset);
            if (problem != null) {
                Problem p = set.problems().stream().filter(x -> x.name().equals(problem)).findFirst()
                        .orElseThrow(() -> UserError.input("no problem '" + problem + "' in " + dataset
                                + suggestion(set.problems(), problem)));
                out.println("-- " + p.name() + " (" + p.split() + ", " + p.source() + ")");
                out.print(p.toLeanFile());
            } else {
                out.println(dataset + ": " + set.problems().size() + " problems");
                for (Problem p : set.problems()) {
                    out.println("  " + p.name() + "  (" + p.split() + ")");
                }
            }
            out.flush();
        }

        /** The known names closest to a mistyped one, so the user need not list the whole set. */
        private static String suggestion(List<Problem> problems, String wanted) {
            List<String> close = problems.stream().map(Problem::name)
                    .sorted(Comparator.comparingInt(n -> editDistance(n, wanted))).limit(3).toList();
            return close.isEmpty() ? "" : "; did you mean " + String.join(", ", close) + "?";
        }

        private static int editDistance(String a, String b) {
            int[] prev = new int[b.length() + 1];
            int[] cur = new int[b.length() + 1];
            for (int j = 0; j <= b.length(); j++) {
                prev[j] = j;
            }
            for (int i = 1; i <= a.length(); i++) {
                cur[0] = i;
                for (int j = 1; j <= b.length(); j++) {
                    int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                    cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
                }
                int[] t = prev;
                prev = cur;
                cur = t;
            }
            return prev[b.length()];
        }
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = {"Validate a problem file (.jsonl, .lean or a directory of .lean files) and report every defect "
                + "with its line.",
                "Exit 0 when it loads, 1 when it has defects."})
    static final class Check implements Callable<Integer> {
        private final Invocation invocation;

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "FILE", description = "The file or directory to check.")
        Path file;

        Check(Invocation invocation) {
            this.invocation = invocation;
        }

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            Path path = invocation.app().resolve(file);
            if (!Files.exists(path)) {
                throw UserError.input(file + ": no such file or directory");
            }
            try {
                ProblemSet set = DatasetCatalog.loadPath(path, file.toString());
                set.notes().forEach(n -> out.println("note: " + n));
                out.println(file + ": ok, " + set.problems().size() + " problem(s)");
                out.flush();
                return ExitCode.OK.code();
            } catch (ProblemFileException e) {
                for (Defect d : e.defects()) {
                    out.println(d);
                }
                out.println(file + ": " + e.defects().size() + " defect(s)");
                out.flush();
                return ExitCode.NO.code();
            }
        }
    }
}
