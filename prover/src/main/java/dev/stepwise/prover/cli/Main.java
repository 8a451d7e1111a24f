package dev.stepwise.prover.cli;

/** Entry point of the {@code stepwise} launcher. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        // DJL reads this before any of its classes load; the launcher sets it too.
        System.setProperty("ai.djl.offline", "true");
        // Before anything logs: one line per record on stderr, warnings only unless --verbose.
        Logging.configure(Logging.verbose(args), System.err);
        int code = new Cli(Invocation.fromProcess()).execute(args);
        System.exit(code);
    }
}
