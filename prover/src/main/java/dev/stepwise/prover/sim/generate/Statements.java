package dev.stepwise.prover.sim.generate;

import dev.stepwise.prover.problems.DatasetCatalog;
import dev.stepwise.prover.problems.Problem;
import java.nio.file.Path;
import java.util.List;

/** The statements a world is generated from: a dataset by name, or a .jsonl/.lean file. */
public final class Statements {
    private Statements() {
    }

    /**
     * The first {@code limit} problems of {@code from} (all when null). A file that cannot be read
     * throws ProblemFileException and an unknown name DatasetCatalog.UnknownDatasetException.
     */
    public static List<Problem> load(Path home, Path workDir, String from, Integer limit) {
        List<Problem> problems = new DatasetCatalog(home, workDir).load(from);
        if (limit != null) {
            problems = problems.subList(0, Math.min(limit, problems.size()));
        }
        return problems;
    }
}
