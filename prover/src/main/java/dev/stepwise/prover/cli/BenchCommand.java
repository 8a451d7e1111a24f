package dev.stepwise.prover.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code stepwise bench}: the project's benchmarks. Add a benchmark by adding its
 * {@link BenchSubcommand} class to the list below; {@code bench all} then runs it too.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Run benchmarks. Each measures against a target or an ideal computed in the same run, prints a "
            + "readable table and ends with one JSON line per figure: {\"bench\": NAME, \"figure\": NAME, "
            + "\"value\": NUMBER, \"target\": \"<= N\", \"ok\": BOOL}.",
            "Exit code 1 when a figure misses its target."},
        subcommands = {
            BenchAllCommand.class,
            SearchBenchCommand.class,
            PoolBenchCommand.class,
            PolicyBenchCommand.class,
            EvalBenchCommand.class,
            FaultsBenchCommand.class,
            IterateBenchCommand.class,
            ScaleBenchCommand.class,
        })
public final class BenchCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
