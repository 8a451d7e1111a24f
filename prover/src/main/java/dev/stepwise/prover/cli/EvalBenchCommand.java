package dev.stepwise.prover.cli;

import dev.stepwise.prover.bench.BenchScale;
import dev.stepwise.prover.bench.Benchmark;
import dev.stepwise.prover.bench.EvalBench;
import dev.stepwise.prover.exit.UserError;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code stepwise bench eval}: a simulated evaluation against the lower bound of its own work. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Run a simulated eval of minif2f-test with realistic latencies (REPL warm-up of seconds, tactics "
            + "of tens of milliseconds, model calls of hundreds of milliseconds) and print wall time divided "
            + "by the lower bound implied by the Lean processes and the model capacity (target <= 1.25). Takes "
            + "a few minutes.")
final class EvalBenchCommand extends BenchSubcommand {
    private final Invocation invocation;

    @Option(names = "--problems", paramLabel = "N", description = "Problems of minif2f-test (default: 244; --quick: 6).")
    Integer problems;

    @Option(names = "--processes", paramLabel = "K", description = "Lean processes (default: 8).")
    int processes = 8;

    @Option(names = "--budget", paramLabel = "A×W×N", description = "Search budget (default: 1x4x12).")
    String budget = "1x4x12";

    EvalBenchCommand(Invocation invocation) {
        this.invocation = invocation;
    }

    @Override
    protected Benchmark benchmark(BenchScale scale) {
        int n = problems != null ? problems : scale == BenchScale.FULL ? 244 : 6;
        if (n < 1 || n > 244) {
            throw UserError.input("bench eval: --problems must be in [1, 244], got " + n);
        }
        if (processes < 1 || processes > 64) {
            throw UserError.input("bench eval: --processes must be in [1, 64], got " + processes);
        }
        return new EvalBench(invocation.inProcess(), n, processes, budget);
    }
}
