package dev.stepwise.prover.cli;

import dev.stepwise.prover.bench.BenchScale;
import dev.stepwise.prover.bench.Benchmark;
import dev.stepwise.prover.bench.IterateBench;
import dev.stepwise.prover.exit.UserError;
import dev.stepwise.prover.problems.DatasetCatalog;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code stepwise bench iterate}: simulated expert-iteration rounds with training against rounds without. */
@Command(name = "iterate", mixinStandardHelpOptions = true,
        description = {"Run SIMULATED expert-iteration rounds on miniF2F-test with the simulated trainer, and the same rounds",
            "with a trainer that learns nothing; print the statements proved in total after each round, the round the curve",
            "plateaus at, the promotions, and the total with training over the total without. Takes several minutes",
            "(--quick: two rounds on 40 statements)."})
final class IterateBenchCommand extends BenchSubcommand {
    private final Invocation invocation;

    @Option(names = "--problems", paramLabel = "N", description = "The first N statements of minif2f-test (default: 244; --quick: 40).")
    Integer problems;

    @Option(names = "--rounds", paramLabel = "R", description = "Rounds per run (default: 6; --quick: 2).")
    Integer rounds;

    @Option(names = "--budget", paramLabel = "A×W×N", description = "Search budget of each round (default: 1x4x30).")
    String budget = "1x4x30";

    @Option(names = "--seed", paramLabel = "N", description = "Seed of the simulated world (default: 1).")
    long seed = 1;

    @Option(names = "--held-out", paramLabel = "F", description = "Share of the statements held out for promotion"
            + " (iterate.eval-fraction; default: 0.3, so that a better candidate has enough paired statements to show it).")
    double heldOut = 0.3;

    IterateBenchCommand(Invocation invocation) {
        this.invocation = invocation;
    }

    @Override
    protected Benchmark benchmark(BenchScale scale) {
        int n = problems != null ? problems : scale == BenchScale.FULL ? 244 : 40;
        int r = rounds != null ? rounds : scale == BenchScale.FULL ? 6 : 2;
        if (n < 1 || n > 244) {
            throw UserError.input("bench iterate: --problems must be in [1, 244], got " + n);
        }
        if (!(heldOut > 0 && heldOut < 1)) {
            throw UserError.input("bench iterate: --held-out must be in (0, 1), got " + heldOut);
        }
        if (r < 1 || r > 50) {
            throw UserError.input("bench iterate: --rounds must be in [1, 50], got " + r);
        }
        Path dataset = new DatasetCatalog(invocation.app().home(), invocation.app().workDir()).find("minif2f-test")
                .orElseThrow(() -> UserError.input("bench iterate: the minif2f-test dataset is not installed")).path();
        return new IterateBench(invocation.inProcess(), dataset, n, r, budget, seed, heldOut);
    }
}
