package dev.stepwise.prover.eval;

import java.nio.file.Path;
import java.util.List;

/**
 * Where a finished run's results go besides the store: {@code eval} writes {@link ResultsFiles};
 * {@code prove} and the rounds of {@code iterate} write none ({@link #NONE}).
 */
public interface ResultsOutput {

    /** @return the files written, in a stable order */
    List<Path> write(String runName, RunInfo info, List<ProblemResult> results);

    ResultsOutput NONE = (runName, info, results) -> List.of();
}
