package dev.stepwise.prover.eval;

import dev.stepwise.prover.problems.Problem;
import dev.stepwise.prover.store.RoundId;
import dev.stepwise.prover.store.RunKind;
import java.util.List;
import java.util.Objects;

/**
 * One invocation of a run: what to run, and under which name. With {@code name} null, a run with
 * the same configuration continues if one exists (re-running a command resumes it), and a new
 * run gets a name of its own.
 */
public record EvalRequest(RunKind kind, String name, EvalConfig config, List<Problem> problems, RoundId round) {
    /** A run of its own (prove, eval). */
    public EvalRequest(RunKind kind, String name, EvalConfig config, List<Problem> problems) {
        this(kind, name, config, problems, null);
    }

    /** @param round the expert-iteration round the run belongs to, exactly for the round kinds of run; else null */
    public EvalRequest {
        Objects.requireNonNull(kind, "kind");
        if (kind.partOfRound() != (round != null)) {
            throw new IllegalArgumentException("a " + kind.code() + " run " + (kind.partOfRound() ? "needs" : "cannot have")
                    + " a round");
        }
        Objects.requireNonNull(config, "config");
        problems = List.copyOf(problems);
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("no problems to run");
        }
        if (name != null && name.isBlank()) {
            throw new IllegalArgumentException("run name is blank");
        }
    }
}
