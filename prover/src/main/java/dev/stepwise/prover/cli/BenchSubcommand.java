package dev.stepwise.prover.cli;

import dev.stepwise.prover.bench.BenchRunner;
import dev.stepwise.prover.bench.BenchScale;
import dev.stepwise.prover.bench.Benchmark;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The base of every {@code stepwise bench NAME} command. A subclass parses its own options and
 * builds its {@link Benchmark}; registering it in {@link BenchCommand}'s subcommand list is all it
 * takes for {@code bench all} to run it too. Option defaults must be field initialisers, because
 * {@code bench all} uses the subcommand objects without parsing their options.
 */
public abstract class BenchSubcommand implements Callable<Integer> {

    @Spec
    protected CommandSpec spec;

    @Option(names = "--quick", description = "Run on tiny inputs to check the benchmark works (figures mean little).")
    boolean quick;

    /** The benchmark to run with this command's options, at the given scale. */
    protected abstract Benchmark benchmark(BenchScale scale);

    @Override
    public Integer call() {
        BenchScale scale = quick ? BenchScale.QUICK : BenchScale.FULL;
        return new BenchRunner(spec.commandLine().getOut()).run(List.of(benchmark(scale))).code();
    }
}
