package dev.stepwise.search;

import java.util.Objects;

/**
 * A proof state as the search sees it: the environment's opaque handle and the pretty-printed
 * goals (several goals joined by blank lines, as Lean prints them). Equality of states in the
 * search is by {@link #key()}, never by handle: a record's own equals would include the handle.
 */
public record ProofState(StateHandle handle, String goals, int goalCount) {
    public ProofState {
        Objects.requireNonNull(handle, "handle");
        Objects.requireNonNull(goals, "goals");
        if (goalCount < 0) {
            throw new IllegalArgumentException("goalCount < 0: " + goalCount);
        }
    }

    public GoalKey key() {
        return GoalKey.of(goals);
    }
}
