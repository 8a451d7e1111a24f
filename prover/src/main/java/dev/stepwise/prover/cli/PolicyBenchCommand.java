package dev.stepwise.prover.cli;

import dev.stepwise.prover.bench.BenchScale;
import dev.stepwise.prover.bench.Benchmark;
import dev.stepwise.prover.bench.PolicyBenchmark;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code stepwise bench policy}: completions per second against the simulated model server, over C / L. */
@Command(name = "policy", mixinStandardHelpOptions = true,
        description = "Throughput of the model-server policy against the simulated completions server (capacity C "
            + "requests at once, latency L each): achieved completions/s divided by C/L (target >= 0.9).")
public final class PolicyBenchCommand extends BenchSubcommand {
    private final Invocation invocation;

    @Option(names = "--capacity", paramLabel = "C", description = "Requests the simulated server serves at once (default: ${DEFAULT-VALUE}).")
    int capacity = 64;

    @Option(names = "--latency", paramLabel = "MS", description = "Milliseconds per simulated request (default: ${DEFAULT-VALUE}).")
    int latencyMillis = 1000;

    @Option(names = "--samples", paramLabel = "N", description = "Samples per request (default: ${DEFAULT-VALUE}).")
    int samples = 4;

    @Option(names = "--rounds", paramLabel = "R", description = "Requests sent, in multiples of C (default: ${DEFAULT-VALUE}).")
    int rounds = 10;

    public PolicyBenchCommand(Invocation invocation) {
        this.invocation = invocation;
    }

    @Override
    protected Benchmark benchmark(BenchScale scale) {
        return switch (scale) {
            case FULL -> new PolicyBenchmark(invocation.app().httpClient(), capacity, Duration.ofMillis(latencyMillis), samples, rounds);
            case QUICK -> new PolicyBenchmark(invocation.app().httpClient(), 4, Duration.ofMillis(20), 2, 2);
        };
    }
}
