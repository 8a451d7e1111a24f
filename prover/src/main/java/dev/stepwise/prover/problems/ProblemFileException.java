package dev.stepwise.prover.problems;

import dev.stepwise.prover.exit.ExitCode;
import dev.stepwise.prover.exit.UserError;
import java.util.List;

/** A problem file that cannot be loaded; the message names the first defect and counts the rest. */
public final class ProblemFileException extends UserError {
    private static final long serialVersionUID = 1L;
    private final transient List<Defect> defects;

    public ProblemFileException(List<Defect> defects) {
        super(ExitCode.USAGE, summary(defects));
        this.defects = List.copyOf(defects);
    }

    public List<Defect> defects() {
        return defects;
    }

    private static String summary(List<Defect> defects) {
        if (defects.isEmpty()) {
            throw new IllegalArgumentException("no defects");
        }
        String first = defects.get(0).toString();
        return defects.size() == 1 ? first
                : first + " (and " + (defects.size() - 1) + " more; run 'stepwise datasets check' to list them)";
    }
}
