package dev.stepwise.prover.cli;

import dev.stepwise.prover.bench.BenchScale;
import dev.stepwise.prover.bench.Benchmark;
import dev.stepwise.prover.bench.FaultsBench;
import dev.stepwise.prover.exit.UserError;
import dev.stepwise.prover.sim.world.Faults;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code stepwise bench faults}: the same simulated eval with and without injected faults. */
@Command(name = "faults", mixinStandardHelpOptions = true,
        description = "Evaluate a simulated world without faults and with REPL crashes, hangs and garbage answers and "
            + "model-server 429s, 500s and stalls, then resume the faulty run until it is finished. Figures: "
            + "problems the fault-free run solves that end 'unproved' after faults, wrong accepts, and "
            + "problems whose answer differs after resuming (each target 0). Takes about a minute.")
final class FaultsBenchCommand extends BenchSubcommand {
    private final Invocation invocation;

    @Option(names = "--problems", paramLabel = "N", description = "Problems of minif2f-test (default: 20; --quick: 6).")
    Integer problems;

    @Option(names = "--repl-faults", paramLabel = "P",
            description = "Probability of each of crash and garbage per REPL command; hangs get a third of it (default: 0.015).")
    double replFaults = 0.015;

    FaultsBenchCommand(Invocation invocation) {
        this.invocation = invocation;
    }

    @Override
    protected Benchmark benchmark(BenchScale scale) {
        int n = problems != null ? problems : scale == BenchScale.FULL ? 20 : 6;
        if (n < 1 || n > 244) {
            throw UserError.input("bench faults: --problems must be in [1, 244], got " + n);
        }
        if (!(replFaults >= 0 && replFaults <= 0.3)) {
            throw UserError.input("bench faults: --repl-faults must be in [0, 0.3], got " + replFaults);
        }
        return new FaultsBench(invocation.inProcess(), n, new Faults(replFaults, replFaults / 3, replFaults, 0, 0.05, 0.1, 0.02, 0,
                Duration.ofMillis(300)));
    }
}
