package dev.stepwise.prover.cli;

import dev.stepwise.iteration.RoundRecord;
import dev.stepwise.iteration.RoundReport;
import dev.stepwise.iteration.RoundRequest;
import dev.stepwise.prover.app.EvalLauncher;
import dev.stepwise.prover.exit.UserError;
import dev.stepwise.prover.iterate.IterationLauncher;
import dev.stepwise.prover.report.RoundsReport;
import dev.stepwise.prover.rounds.RoundRepository;
import dev.stepwise.prover.store.Store;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code stepwise iterate}: one expert-iteration round, or the continuation of an unfinished one. */
@Command(name = "iterate", mixinStandardHelpOptions = true,
        description = {"Run one expert-iteration round: select -> search -> harvest -> filter -> export -> train -> "
            + "evaluate -> promote. Every stage is recorded; a round stopped at any point (kill, crash, failed "
            + "trainer) continues with --resume. Settings: the iterate.* keys (see 'stepwise config show').",
            "Exit 0 when the round completed, 2 bad input, 3 a stage failed (the message says why; fix it, "
            + "then --resume)."})
public final class IterateCommand implements Callable<Integer> {
    private final Invocation invocation;

    @Spec
    CommandSpec spec;

    @Option(names = "--pool", paramLabel = "DATASET|FILE", completionCandidates = DatasetNames.class,
            description = "The statements to prove: a dataset name (see 'datasets list') or a .jsonl/.lean file.")
    String pool;

    @Option(names = "--round", paramLabel = "N", description = "The round to start (it must be the next one) or, with --resume, to continue.")
    Integer round;

    @Option(names = "--next", description = "Start the next round (the default).")
    boolean next;

    @Option(names = "--resume", description = "Continue the unfinished round (or round N with --round N) where it stopped.")
    boolean resume;

    @Option(names = "--simulate", paramLabel = "WORLD",
            description = "Run the round against the simulator: simulated Lean REPL, model server and trainer of this "
                + "world file. Its searches are labelled SIMULATED.")
    Path simulate;

    @Option(names = "--shared", description = "Share the round's search stage with 'stepwise worker --run round-N-prepass' "
            + "and '--run round-N-search' processes on other hosts (a PostgreSQL --db): its problems are claimed from the "
            + "store's queue, by this process and every worker; harvest starts when every problem is done.")
    boolean shared;

    @Option(names = "--coordinate", description = "With --shared: search nothing of the search stage here; wait for the "
            + "workers, then go on with harvest. The held-out evaluation is still searched here.")
    boolean coordinate;

    IterateCommand(Invocation invocation) {
        this.invocation = invocation;
    }

    @Override
    public Integer call() {
        if (round != null && next) {
            throw UserError.input("give --round N or --next, not both");
        }
        if (round != null && round < 1) {
            throw UserError.input("--round must be >= 1, got " + round);
        }
        if (resume && next) {
            throw UserError.input("--next starts a new round; --resume continues one");
        }
        if (coordinate && !shared) {
            throw UserError.input("--coordinate needs --shared");
        }
        EvalLauncher.Sharing sharing = coordinate ? EvalLauncher.Sharing.COORDINATE
                : shared ? EvalLauncher.Sharing.SEARCH : EvalLauncher.Sharing.NONE;
        PrintWriter out = spec.commandLine().getOut();
        RoundRecord done = new IterationLauncher(invocation.app(), spec.commandLine().getErr()).run(new IterationLauncher.Request(pool,
                round == null ? 0 : round, resume ? RoundRequest.Resume.RESUME : RoundRequest.Resume.NEW, simulate, sharing));
        try (Store store = invocation.app().openStore()) {
            RoundReport report = RoundsCommand.report(invocation.app(), store);
            out.print(report.show(done));
            out.println();
            out.println("Files: " + report.directory(done.number()));
            // Refreshed after every round, so a nightly schedule always leaves the current page.
            Path page = RoundsReport.write(report.figures(), Set.copyOf(new RoundRepository(store).simulated()), report.roundsDir(),
                    report.roundsDir());
            out.println("Rounds page: " + page);
        }
        out.flush();
        return 0;
    }
}
