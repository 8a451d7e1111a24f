package dev.stepwise.prover.cli;

import dev.stepwise.prover.report.HtmlReport;
import dev.stepwise.prover.report.ReportLoader;
import dev.stepwise.prover.store.Store;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code stepwise report RUN --out DIR}: a static HTML report of a run. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Write a self-contained static HTML report of a run (overview with plots, one page per problem "
            + "with its statement, verified proof, gate verdict and search tree). Open DIR/index.html in a "
            + "browser.")
final class ReportCommand implements Runnable {
    private final Invocation invocation;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "RUN", description = "The run's name (see 'runs list').")
    String name;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Directory to write the report into.")
    Path out;

    ReportCommand(Invocation invocation) {
        this.invocation = invocation;
    }

    @Override
    public void run() {
        Path dir = invocation.app().resolve(out);
        try (Store store = invocation.app().openStore()) {
            HtmlReport.write(ReportLoader.read(RunsCommand.require(store, name)), dir);
        }
        spec.commandLine().getOut().println("wrote " + dir.resolve("index.html"));
        spec.commandLine().getOut().flush();
    }
}
