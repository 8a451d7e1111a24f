package dev.stepwise.prover.cli;

import dev.stepwise.prover.config.ConfigException;
import dev.stepwise.prover.problems.DatasetCatalog;
import dev.stepwise.prover.problems.ProblemFileException;
import dev.stepwise.prover.store.DatabaseException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import picocli.CommandLine;
import picocli.CommandLine.IFactory;
import picocli.CommandLine.ParameterException;

/**
 * Builds the picocli command tree for one {@link Application} and maps failures to one line on
 * stderr and a documented exit code.
 */
public final class Cli {
    /** A bug of ours; the only code outside the four documented in the issue tracker's contract. */
    static final int INTERNAL_ERROR = 4;

    private final Application app;

    public Cli(Application app) {
        this.app = app;
    }

    public CommandLine commandLine() {
        CommandLine cl = new CommandLine(new StepwiseCommand(), new Factory(app));
        cl.setExecutionExceptionHandler(this::onExecutionException);
        cl.setParameterExceptionHandler(this::onParameterException);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        return cl;
    }

    public int execute(String... args) {
        return commandLine().execute(args);
    }

    public int execute(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cl = commandLine();
        cl.setOut(out);
        cl.setErr(err);
        return cl.execute(args);
    }

    private int onParameterException(ParameterException e, String[] args) {
        CommandLine cl = e.getCommandLine();
        String command = cl.getCommandSpec().qualifiedName();
        cl.getErr().println(command + ": " + e.getMessage() + " (see '" + command + " --help')");
        cl.getErr().flush();
        return ExitCode.USAGE.code();
    }

    private int onExecutionException(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
        PrintWriter err = cl.getErr();
        int code;
        String message;
        if (e instanceof UserError u) {
            code = u.exitCode().code();
            message = u.getMessage();
        } else if (e instanceof DatabaseException d) {
            code = switch (d.kind()) {
                case INPUT -> ExitCode.USAGE.code();
                case ENVIRONMENT -> ExitCode.ENVIRONMENT.code();
            };
            message = d.getMessage();
        } else if (e instanceof ProblemFileException || e instanceof DatasetCatalog.UnknownDatasetException
                || e instanceof dev.stepwise.prover.eval.RunConflictException
                || e instanceof dev.stepwise.prover.sim.world.WorldFormatException) {
            code = ExitCode.USAGE.code();
            message = e.getMessage();
        } else if (e instanceof ConfigException) {
            code = ExitCode.USAGE.code();
            message = "configuration: " + e.getMessage();
        } else if (e instanceof UncheckedIOException io) {
            code = ExitCode.ENVIRONMENT.code();
            message = e.getMessage() + (io.getCause() == null ? "" : ": " + io.getCause().getMessage());
        } else {
            code = INTERNAL_ERROR;
            message = "internal error: " + e + " (a bug; run again with --verbose for the stack trace and report it)";
        }
        err.println("stepwise: " + message);
        if (app.globalOptions().verbose()) {
            e.printStackTrace(err);
        }
        err.flush();
        return code;
    }

    /** Creates commands with the application injected; the global options are one shared instance. */
    private static final class Factory implements IFactory {
        private final Application app;
        private final IFactory fallback = CommandLine.defaultFactory();

        Factory(Application app) {
            this.app = app;
        }

        @Override
        public <K> K create(Class<K> type) throws Exception {
            if (type == GlobalOptions.class) {
                return type.cast(app.globalOptions());
            }
            try {
                var constructor = type.getDeclaredConstructor(Application.class);
                // Commands in other packages (bench, sim) keep their constructors package-private.
                constructor.setAccessible(true);
                return constructor.newInstance(app);
            } catch (NoSuchMethodException e) {
                return fallback.create(type);
            }
        }
    }
}
