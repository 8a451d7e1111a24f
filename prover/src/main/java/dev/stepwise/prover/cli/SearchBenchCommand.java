package dev.stepwise.prover.cli;

import dev.stepwise.prover.bench.BenchScale;
import dev.stepwise.prover.bench.Benchmark;
import dev.stepwise.prover.bench.SearchBench;
import dev.stepwise.prover.exit.UserError;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code stepwise bench search}: the search's own time per edge and memory per node. */
@Command(name = "search", mixinStandardHelpOptions = true,
        description = "Measure best-first search overhead on a simulated instant world: time per edge (target <= 2 us) "
            + "and heap per node without state text (target <= 200 bytes). The 1e6 size needs about 1 GiB of "
            + "heap; set STEPWISE_JVM_OPTS=-Xmx2g if the default is smaller.")
final class SearchBenchCommand extends BenchSubcommand {

    @Option(names = "--sizes", split = ",", paramLabel = "N",
            description = "Tree sizes in nodes (default: 100000,1000000; --quick: 2000).")
    List<Integer> sizes = new ArrayList<>();

    @Option(names = "--width", paramLabel = "W", description = "Tactics per expansion (default: 4).")
    int width = 4;

    @Override
    protected Benchmark benchmark(BenchScale scale) {
        List<Integer> chosen = !sizes.isEmpty() ? sizes : switch (scale) {
            case FULL -> List.of(100_000, 1_000_000);
            case QUICK -> List.of(2_000);
        };
        if (chosen.stream().anyMatch(n -> n < 100)) {
            throw UserError.input("bench search: sizes must be at least 100 nodes each, got " + chosen);
        }
        if (width < 1 || width > 64) {
            throw UserError.input("bench search: --width must be in [1, 64], got " + width);
        }
        return new SearchBench(chosen, width);
    }
}
