package dev.stepwise.prover.cli;

import dev.stepwise.iteration.RoundFigures;
import dev.stepwise.iteration.RoundReport;
import dev.stepwise.prover.exit.UserError;
import dev.stepwise.prover.report.RoundsReport;
import dev.stepwise.prover.rounds.RoundRepository;
import dev.stepwise.prover.store.Store;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code stepwise rounds report --out DIR}: the HTML page of every round, with its plots. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Print the learning curve (statements solved in total after each round) and write a self-contained "
            + "HTML page of the rounds (DIR/" + RoundsReport.FILE + "): statements solved per round, both models' held-out "
            + "pass rates and the promotion decisions, and every round's stages with counts and times.")
public final class RoundsReportCommand implements Runnable {
    private final Invocation invocation;

    @Spec
    CommandSpec spec;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Directory to write the page into.")
    Path out;

    public RoundsReportCommand(Invocation invocation) {
        this.invocation = invocation;
    }

    @Override
    public void run() {
        Path file;
        String curve;
        try (Store store = RoundsCommand.openExisting(invocation.app())) {
            RoundReport report = store == null ? null : RoundsCommand.report(invocation.app(), store);
            List<RoundFigures> rounds = report == null ? List.of() : report.figures();
            if (rounds.isEmpty()) {
                throw UserError.input("there are no rounds to report yet; start one with 'stepwise iterate --pool DATASET --next'");
            }
            curve = "Statements solved in total after each round ('#' before it, '+' by it):\n" + RoundReport.curve(rounds);
            file = RoundsReport.write(rounds, Set.copyOf(new RoundRepository(store).simulated()), report.roundsDir(), invocation.app().resolve(out));
        }
        spec.commandLine().getOut().print(curve);
        spec.commandLine().getOut().println("wrote " + file);
        spec.commandLine().getOut().flush();
    }
}
