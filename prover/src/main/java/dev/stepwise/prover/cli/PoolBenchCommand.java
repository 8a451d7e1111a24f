package dev.stepwise.prover.cli;

import dev.stepwise.prover.bench.BenchScale;
import dev.stepwise.prover.bench.Benchmark;
import dev.stepwise.prover.bench.PoolBench;
import dev.stepwise.prover.exit.UserError;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code stepwise bench pool}: REPL pool throughput against the ideal K/L on simulated REPLs. */
@Command(name = "pool", mixinStandardHelpOptions = true,
        description = "Measure the Lean REPL pool on K SIMULATED REPL processes whose tactics take L ms each: achieved "
            + "tactics per second divided by the ideal K/L (target >= 0.9 with K = 8, L = 20 ms).")
final class PoolBenchCommand extends BenchSubcommand {

    @Option(names = "--processes", paramLabel = "K", description = "REPL processes (default: 8; --quick: 2).")
    Integer processes;

    @Option(names = "--latency-ms", paramLabel = "L", description = "Milliseconds every tactic takes (default: 20).")
    int latencyMs = 20;

    @Option(names = "--seconds", paramLabel = "S", description = "Seconds measured after warming up (default: 10; --quick: 1).")
    Integer seconds;

    @Override
    protected Benchmark benchmark(BenchScale scale) {
        int k = processes != null ? processes : scale == BenchScale.FULL ? 8 : 2;
        int s = seconds != null ? seconds : scale == BenchScale.FULL ? 10 : 1;
        if (k < 1 || k > 256) {
            throw UserError.input("bench pool: --processes must be in [1, 256], got " + k);
        }
        if (latencyMs < 1 || latencyMs > 10_000) {
            throw UserError.input("bench pool: --latency-ms must be in [1, 10000], got " + latencyMs);
        }
        if (s < 1 || s > 3600) {
            throw UserError.input("bench pool: --seconds must be in [1, 3600], got " + s);
        }
        Duration warmup = scale == BenchScale.FULL ? Duration.ofSeconds(3) : Duration.ofMillis(500);
        return new PoolBench(k, Duration.ofMillis(latencyMs), warmup, Duration.ofSeconds(s));
    }
}
