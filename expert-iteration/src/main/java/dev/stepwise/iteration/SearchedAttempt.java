package dev.stepwise.iteration;

import dev.stepwise.search.AttemptMode;
import dev.stepwise.search.RecordedTree;
import java.util.Objects;

/**
 * One attempt as harvesting reads it: the search's recorded tree as it is, with the gate's verdict
 * on the attempt and the application's name for it. Whether the tree came straight from the search
 * or back from the store, it is the same {@link RecordedTree}.
 *
 * @param attempt the application's name for the attempt (provenance of the examples)
 * @param mode how the attempt looked for its proof: a step search's tree gives (state, tactic)
 *     examples, a whole-proof attempt's accepted reply a whole-proof example
 */
public record SearchedAttempt(String attempt, Verdict verdict, RecordedTree tree, AttemptMode mode) {
    /** A step search's attempt. */
    public SearchedAttempt(String attempt, Verdict verdict, RecordedTree tree) {
        this(attempt, verdict, tree, AttemptMode.STEP);
    }

    public SearchedAttempt {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(attempt, "attempt");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(tree, "tree");
    }
}
