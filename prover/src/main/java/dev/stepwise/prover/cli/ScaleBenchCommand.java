package dev.stepwise.prover.cli;

import dev.stepwise.prover.bench.BenchScale;
import dev.stepwise.prover.bench.Benchmark;
import dev.stepwise.prover.bench.ScaleBench;
import dev.stepwise.prover.exit.UserError;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code stepwise bench scale}: K worker processes on one shared run against K times one worker. */
@Command(name = "scale", mixinStandardHelpOptions = true,
        description = {"Share a SIMULATED minif2f-test run through PostgreSQL (a database the bench makes and drops) "
            + "between 'stepwise worker' processes, first one, then K, with latency-bound work (model calls of two "
            + "seconds, tactics of tens of milliseconds), and print K workers' steady rate of expansions divided by K "
            + "times one worker's (target >= 0.9 at K = 4), and the workers' claim and finish calls per problem in "
            + "milliseconds. Takes a few minutes.",
            "Without a PostgreSQL server it says so in one line and measures nothing (it fails instead when "
                + "CI_REQUIRE_PG is set)."})
final class ScaleBenchCommand extends BenchSubcommand {
    /** The project's machines' server (PostgreSQL 15, trust authentication). */
    static final String DEFAULT_SERVER = "postgresql://postgres@127.0.0.1:5432/postgres";

    private final Invocation invocation;

    @Option(names = "--postgres", paramLabel = "URL",
            description = "The server, as a user that may create databases (default: " + DEFAULT_SERVER + "; the "
                + "password from PGPASSWORD or a .pgpass file).")
    String postgres = DEFAULT_SERVER;

    @Option(names = "--workers", paramLabel = "K", description = "Worker processes of the second phase (default: 4; --quick: 2).")
    Integer workers;

    @Option(names = "--problems", paramLabel = "N", description = "Problems per worker (default: 16; --quick: 4).")
    Integer problems;

    ScaleBenchCommand(Invocation invocation) {
        this.invocation = invocation;
    }

    @Override
    protected Benchmark benchmark(BenchScale scale) {
        boolean full = scale == BenchScale.FULL;
        int k = workers != null ? workers : full ? 4 : 2;
        int n = problems != null ? problems : full ? 16 : 4;
        if (k < 2 || k > 16) {
            throw UserError.input("bench scale: --workers must be in [2, 16], got " + k);
        }
        if (n < 1 || (long) n * k > 244) {
            throw UserError.input("bench scale: --problems must be at least 1 and K × N at most 244 (minif2f-test), got "
                    + n + " × " + k);
        }
        ScaleBench.Shape shape = full
                ? new ScaleBench.Shape(k, n, 4, 2, "1x4x8", "2s", "40ms..80ms", "1s")
                : new ScaleBench.Shape(k, n, 2, 1, "1x4x3", "200ms", "10ms..20ms", "100ms");
        return new ScaleBench(invocation.inProcess(), invocation.processes(), postgres, invocation.app().env(), shape);
    }
}
