package dev.stepwise.prover.cli;

import dev.stepwise.prover.config.Settings;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code stepwise config}: look at the effective configuration. */
@Command(name = "config", mixinStandardHelpOptions = true,
        description = "Show the effective configuration.",
        subcommands = ConfigCommand.Show.class)
final class ConfigCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Print every configuration key, its effective value and where it came from (default < config "
                + "file < STEPWISE_* environment variable < flag).")
    static final class Show implements Runnable {
        private final Invocation invocation;

        @Spec
        CommandSpec spec;

        @Option(names = "--describe", description = "Also print what each key does and its environment variable.")
        boolean describe;

        Show(Invocation invocation) {
            this.invocation = invocation;
        }

        @Override
        public void run() {
            PrintWriter out = spec.commandLine().getOut();
            var entries = invocation.app().settings().entries();
            int width = entries.stream().mapToInt(e -> e.key().name().length()).max().orElse(0);
            int valueWidth = Math.min(40, entries.stream().mapToInt(e -> e.text().length()).max().orElse(0));
            for (Settings.Entry e : entries) {
                out.printf("%-" + width + "s = %-" + valueWidth + "s  (%s)%n", e.key().name(), e.text(), e.source());
                if (describe) {
                    out.printf("%" + width + "s   %s; env %s%n", "", e.key().description(), e.key().envVar());
                }
            }
            out.flush();
        }
    }
}
