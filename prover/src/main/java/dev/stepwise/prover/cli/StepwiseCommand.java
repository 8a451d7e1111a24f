package dev.stepwise.prover.cli;

import dev.stepwise.prover.VersionInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The top command. It does nothing itself but show help; the work is in its subcommands. */
@Command(name = "stepwise",
        mixinStandardHelpOptions = true,
        versionProvider = StepwiseCommand.Version.class,
        sortOptions = false,
        header = "Stepwise: prove Lean 4 theorems with an LLM step-prover and improve it by expert iteration.",
        description = "%nRun 'stepwise COMMAND --help' for the options of a command.",
        subcommands = {
            ProveCommand.class,
            EvalCommand.class,
            ConfigCommand.class,
            DatasetsCommand.class,
            CompletionCommand.class,
            LeanCommand.class,
            ModelCommand.class,
            BenchCommand.class,
            RunsCommand.class,
            ReportCommand.class,
            IterateCommand.class,
            RoundsCommand.class,
            DbCommand.class,
            SimCommand.class,
            WorkerCommand.class,
        })
public final class StepwiseCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Mixin
    GlobalOptions global;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code --version}: version, git commit and build time. */
    static final class Version implements picocli.CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            VersionInfo v = VersionInfo.load();
            return new String[] {
                "stepwise " + v.version(),
                "commit " + v.commit(),
                "built " + v.buildTime(),
                "java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")",
            };
        }
    }
}
