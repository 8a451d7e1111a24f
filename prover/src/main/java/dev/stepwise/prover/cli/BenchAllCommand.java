package dev.stepwise.prover.cli;

import dev.stepwise.prover.bench.BenchRunner;
import dev.stepwise.prover.bench.BenchScale;
import dev.stepwise.prover.bench.Benchmark;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/** {@code stepwise bench all}: every registered benchmark with its default options. */
@Command(name = "all", mixinStandardHelpOptions = true,
        description = "Run every benchmark with its default options (what 'make bench' does).")
final class BenchAllCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--quick", description = "Run each on tiny inputs to check they work (figures mean little).")
    boolean quick;

    @Override
    public Integer call() {
        BenchScale scale = quick ? BenchScale.QUICK : BenchScale.FULL;
        List<Benchmark> benchmarks = spec.parent().subcommands().values().stream()
                .map(CommandLine::getCommand)
                .distinct()
                .filter(BenchSubcommand.class::isInstance)
                .map(c -> ((BenchSubcommand) c).benchmark(scale))
                .toList();
        return new BenchRunner(spec.commandLine().getOut()).run(benchmarks).code();
    }
}
