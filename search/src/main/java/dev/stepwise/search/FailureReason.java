package dev.stepwise.search;

/** Why an attempt ended without a proof. */
public enum FailureReason {
    BUDGET_EXPANSIONS,
    BUDGET_TACTICS,
    BUDGET_TOKENS,
    BUDGET_TIME,
    /** Every reachable state was expanded and nothing is left to try. */
    FRONTIER_EXHAUSTED,
    /** The theorem could not be started (statement did not elaborate, environment unavailable). */
    ENVIRONMENT_FAILURE,
    /** The environment rejected the statement itself (Lean did not elaborate it): final, counted apart. */
    STATEMENT_ERROR,
    /** The policy (or the critic) could not answer; retrying the attempt later may help. */
    POLICY_UNAVAILABLE,
    /**
     * The attempt ran out of states or budget, but Lean crashed, answered garbage, lost its process
     * or could not check a found proof on some of its steps, even after they were retried on fresh
     * processes: the answer is not Lean's, so the attempt is worth running again, never a final
     * "unproved". (A tactic past the wall-clock deadline twice is that tactic's failure, not this.)
     */
    LEAN_FAULTS,
    /** The attempt was cancelled (another attempt proved the theorem, or shutdown). */
    CANCELLED
}
