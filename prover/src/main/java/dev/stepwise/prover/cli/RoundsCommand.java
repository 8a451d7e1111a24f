package dev.stepwise.prover.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stepwise.iteration.RoundRecord;
import dev.stepwise.iteration.RoundReport;
import dev.stepwise.prover.app.Application;
import dev.stepwise.prover.config.IterateKeys;
import dev.stepwise.prover.exit.UserError;
import dev.stepwise.prover.rounds.StoreRoundStore;
import dev.stepwise.prover.store.Store;
import dev.stepwise.prover.store.StoreLocation;
import java.io.PrintWriter;
import java.nio.file.Files;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code stepwise rounds list|show N}: the expert-iteration rounds recorded in the store. */
@Command(name = "rounds", mixinStandardHelpOptions = true,
        description = "Show expert-iteration rounds: their stages, models and promotion decisions, and an HTML report of them.",
        subcommands = {RoundsCommand.ListRounds.class, RoundsCommand.Show.class, RoundsReportCommand.class})
public final class RoundsCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Opens the store read for a report; null when there is no database yet. */
    static Store openExisting(Application app) {
        StoreLocation location = app.storeLocation();
        if (location instanceof StoreLocation.SqliteFile f && !Files.exists(f.path())) {
            return null;
        }
        return app.openStore();
    }

    static RoundReport report(Application app, Store store) {
        return new RoundReport(new StoreRoundStore(store), app.resolve(app.settings().path(IterateKeys.DATA_DIR)), new ObjectMapper());
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "One line per round: status, stage, statements proved, models and decision.")
    public static final class ListRounds implements Runnable {
        private final Invocation invocation;

        @Spec
        CommandSpec spec;

        public ListRounds(Invocation invocation) {
            this.invocation = invocation;
        }

        @Override
        public void run() {
            PrintWriter out = spec.commandLine().getOut();
            try (Store store = openExisting(invocation.app())) {
                if (store == null) {
                    out.println("no rounds yet; start one with 'stepwise iterate --pool DATASET --next'");
                } else {
                    out.print(report(invocation.app(), store).list());
                }
            }
            out.flush();
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "The summary of one round: its stages with what each did, the models and the decision.")
    public static final class Show implements Runnable {
        private final Invocation invocation;

        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "N", description = "The round number.")
        int number;

        public Show(Invocation invocation) {
            this.invocation = invocation;
        }

        @Override
        public void run() {
            PrintWriter out = spec.commandLine().getOut();
            try (Store store = openExisting(invocation.app())) {
                RoundRecord round = store == null ? null : new StoreRoundStore(store).find(number).orElse(null);
                if (round == null) {
                    throw UserError.input("there is no round " + number + " (see 'stepwise rounds list')");
                }
                RoundReport report = report(invocation.app(), store);
                out.print(report.show(round));
                out.println();
                out.println("Files: " + report.directory(number));
            }
            out.flush();
        }
    }
}
