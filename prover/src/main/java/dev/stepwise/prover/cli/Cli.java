package dev.stepwise.prover.cli;

import dev.stepwise.prover.exit.ExitCode;
import dev.stepwise.prover.exit.UserError;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;
import picocli.CommandLine.IFactory;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;
import picocli.CommandLine;

/**
 * Builds the picocli command tree for one {@link Invocation} and maps failures to one line on
 * stderr and a documented exit code.
 */
public final class Cli {
    private final Invocation invocation;

    public Cli(Invocation invocation) {
        this.invocation = invocation;
    }

    public CommandLine commandLine() {
        CommandLine cl = new CommandLine(new StepwiseCommand(), new Factory(invocation));
        cl.setExecutionExceptionHandler(this::onExecutionException);
        cl.setParameterExceptionHandler(this::onParameterException);
        cl.setExitCodeExceptionMapper(new ExitCodes());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        HelpLayout.apply(cl);
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
        cl.getErr().println(command + ": " + e.getMessage() + suggestion(e) + " (see '" + command + " --help')");
        cl.getErr().flush();
        return ExitCode.USAGE.code();
    }

    /**
     * "; did you mean --simulate?" for a mistyped option or subcommand: picocli's own
     * suggestions (the names that share the most with the typo), at most three.
     */
    private static String suggestion(ParameterException e) {
        if (!(e instanceof UnmatchedArgumentException unmatched)) {
            return "";
        }
        List<String> near = unmatched.getSuggestions();
        return near.isEmpty() ? "" : "; did you mean " + String.join(" or ", near.subList(0, Math.min(3, near.size()))) + "?";
    }

    /**
     * Prints the failure as one line; the exit code is the mapper's ({@link ExitCodes}), as
     * picocli's own handling would use it.
     */
    private int onExecutionException(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
        PrintWriter err = cl.getErr();
        String message;
        if (e instanceof UserError u) {
            message = u.oneLine();
        } else if (e instanceof UncheckedIOException io) {
            message = e.getMessage() + (io.getCause() == null ? "" : ": " + io.getCause().getMessage());
        } else {
            message = "internal error: " + e + " (a bug; run again with --verbose for the stack trace and report it)";
        }
        err.println("stepwise: " + message);
        if (invocation.globalOptions().verbose()) {
            e.printStackTrace(err);
        }
        err.flush();
        return cl.getExitCodeExceptionMapper().getExitCode(e);
    }

    /** Creates commands with the application injected; the global options are one shared instance. */
    private static final class Factory implements IFactory {
        private final Invocation invocation;
        private final IFactory fallback = CommandLine.defaultFactory();

        Factory(Invocation invocation) {
            this.invocation = invocation;
        }

        @Override
        public <K> K create(Class<K> type) throws Exception {
            if (type == GlobalOptions.class) {
                return type.cast(invocation.globalOptions());
            }
            try {
                var constructor = type.getDeclaredConstructor(Invocation.class);
                // Commands in other packages (bench, sim) keep their constructors package-private.
                constructor.setAccessible(true);
                return constructor.newInstance(invocation);
            } catch (NoSuchMethodException e) {
                return fallback.create(type);
            }
        }
    }
}
