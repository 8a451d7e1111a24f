package dev.stepwise.prover.cli;

import dev.stepwise.prover.eval.EvalConfig;
import dev.stepwise.iteration.AlignedTable;
import dev.stepwise.prover.eval.ResultsFiles;
import dev.stepwise.prover.eval.RunLookup;
import dev.stepwise.prover.eval.RunSummary;
import dev.stepwise.prover.eval.StoredRun;
import dev.stepwise.prover.exit.UserError;
import dev.stepwise.prover.store.Run;
import dev.stepwise.prover.store.RunId;
import dev.stepwise.prover.store.RunOverview;
import dev.stepwise.prover.store.RunStatus;
import dev.stepwise.prover.store.Simulation;
import dev.stepwise.prover.store.Store;
import java.io.PrintWriter;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code stepwise runs}: the prove and eval runs in the database. */
@Command(name = "runs", mixinStandardHelpOptions = true,
        description = "List runs and show one run's results.",
        subcommands = {RunsCommand.ListCommand.class, RunsCommand.Show.class})
final class RunsCommand implements Runnable {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The named run, or a usage error listing what exists. */
    static StoredRun require(Store store, String name) {
        return StoredRun.find(store, name).orElseThrow(() -> {
            List<String> names = store.runs().list().stream().map(o -> o.run().name()).limit(5).toList();
            return UserError.input("no run '" + name + "' in " + store.location()
                    + (names.isEmpty() ? " (it has no runs yet)" : "; recent runs: " + String.join(", ", names)));
        });
    }

    /**
     * A run's status as the user should read it: one stored as running that no process runs any
     * more was killed (kill -9, power loss) and is interrupted, as resuming it would say.
     */
    static String status(Run run, boolean abandoned) {
        return (abandoned ? RunStatus.INTERRUPTED : run.status()).code();
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Every run, newest first, with its progress.")
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
            try (Store store = invocation.app().openStore()) {
                List<RunOverview> runs = store.runs().list();
                if (runs.isEmpty()) {
                    out.println("no runs yet in " + store.location());
                }
                else {
                    Set<RunId> abandoned = RunLookup.abandoned(store, runs.stream().map(RunOverview::run).toList());
                    AlignedTable table = new AlignedTable("RUN", "KIND", "DATASET", "STATUS", ">PROVED", ">LEFT", "STARTED (UTC)", "");
                    for (RunOverview o : runs) {
                        table.row(o.run().name(), o.run().kind().code(), o.run().dataset(),
                                status(o.run(), abandoned.contains(o.run().id())), o.proved() + "/" + o.problems(),
                                o.unfinished(), TIME.format(o.run().startedAt()),
                                ((o.run().simulation() == Simulation.SIMULATED ? "(simulated)" : "")
                                        + EvalConfig.fromJson(o.run().configJson()).mismatchLabel()
                                                .map(m -> " (version mismatch: " + m + ")").orElse("")).strip());
                    }
                    out.print(table.render());
                }
            }
            out.flush();
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "A run's configuration, summary table and per-problem results.")
    static final class Show implements Runnable {
        private final Invocation invocation;

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "RUN", description = "The run's name (see 'runs list').")
        String name;

        Show(Invocation invocation) {
            this.invocation = invocation;
        }

        @Override
        public void run() {
            PrintWriter out = spec.commandLine().getOut();
            try (Store store = invocation.app().openStore()) {
                StoredRun run = require(store, name);
                var results = run.results();
                boolean abandoned = !RunLookup.abandoned(store, List.of(run.run())).isEmpty();
                out.println("run " + run.run().name() + " (" + run.run().kind().code() + ", " + status(run.run(), abandoned)
                        + (run.run().error() == null ? "" : ": " + run.run().error()) + ")");
                out.print(ResultsFiles.summary(run.info(), RunSummary.of(results)));
                out.println();
                for (var r : results) {
                    out.printf("%-40s %-9s %s%n", r.name(), r.outcome().code(), r.verdict());
                    if (!r.sketches().isEmpty()) {
                        out.printf("%-40s %-9s sketches: %s%n", "", "", r.sketches());
                    }
                }
            }
            out.flush();
        }
    }
}
