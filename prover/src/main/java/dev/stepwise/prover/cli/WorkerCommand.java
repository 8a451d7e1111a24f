package dev.stepwise.prover.cli;

import dev.stepwise.prover.app.WorkerLauncher;
import dev.stepwise.prover.config.LeanKeys;
import dev.stepwise.prover.config.SearchKeys;
import dev.stepwise.prover.config.ValueType;
import dev.stepwise.prover.console.ConsoleProgress;
import dev.stepwise.prover.eval.SharedRunWorker;
import dev.stepwise.prover.exit.ExitCode;
import dev.stepwise.prover.exit.UserError;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code stepwise worker}: one more host searching a shared run's problems. */
@Command(name = "worker", mixinStandardHelpOptions = true,
        description = {"Join a run that 'stepwise eval ... --shared --name RUN' created in a PostgreSQL store (--db), "
            + "and search its problems with this host's own Lean pool and model server, claimed one at a time with a "
            + "lease, each result written as it is known. The search is the run's stored configuration (budget, seeds, "
            + "alphas); only where things are on this host (Lean project, model URL, --set) is this host's. Progress, "
            + "and what it waits for while the database is out of reach, go to stderr.",
            "Exit 0 when no problem of the run is left, 2 bad input (no such run by --give-up-after), 3 no Lean/model."})
final class WorkerCommand implements Callable<Integer> {
    private final Invocation invocation;

    @Spec
    CommandSpec spec;

    @Option(names = "--run", required = true, paramLabel = "RUN", description = "The run to join (eval --shared --name RUN).")
    String run;

    @Option(names = "--simulate", paramLabel = "WORLD",
            description = "Search against the simulator of this world file (default: the run's own world, if it was "
                + "created with --simulate). Results are labelled SIMULATED.")
    Path simulate;

    @Option(names = "--lean-project", paramLabel = "DIR|NAME",
            description = "The Lean project on this host (lean.project), when it is not where the run's configuration says.")
    String leanProject;

    @Option(names = "--workers", paramLabel = "N", description = "Search attempts running at once on this host (search.concurrent-attempts).")
    Integer workers;

    @Option(names = "--give-up-after", paramLabel = "DURATION",
            description = "How long to wait for the run to be created, e.g. 10m (default: until it is; 0: not at all). "
                + "A worker started before its eval waits, saying every few seconds on stderr what it waits for.")
    String giveUpAfter;

    WorkerCommand(Invocation invocation) {
        this.invocation = invocation;
    }

    @Override
    public Integer call() {
        Map<String, String> local = new LinkedHashMap<>();
        if (leanProject != null) {
            local.put(LeanKeys.PROJECT.name(), leanProject);
        }
        if (workers != null) {
            if (workers < 1) {
                throw UserError.input("--workers must be >= 1, got " + workers);
            }
            local.put(SearchKeys.CONCURRENT_ATTEMPTS.name(), String.valueOf(workers));
        }
        Duration giveUp = null;
        if (giveUpAfter != null) {
            try {
                giveUp = giveUpAfter.strip().equals("0") ? Duration.ZERO : (Duration) ValueType.DURATION.parse(giveUpAfter);
            } catch (IllegalArgumentException e) {
                throw UserError.input("--give-up-after: " + e.getMessage());
            }
        }
        PrintWriter err = spec.commandLine().getErr();
        SharedRunWorker.Tally tally = new WorkerLauncher(invocation.app()).run(run, simulate, local, giveUp,
                new ConsoleProgress(err, InstantSource.system(), false, simulate));
        err.println("worker: run " + run + " has no problem left; this worker finished " + tally.finished()
                + (tally.lost() > 0 ? " (" + tally.lost() + " lease(s) lost, their results dropped)" : "")
                + (tally.finished() > 0 ? String.format(Locale.ROOT, "; claiming and finishing took %.1f ms per problem",
                        tally.queueMillisPerProblem()) : ""));
        err.flush();
        return ExitCode.OK.code();
    }
}
