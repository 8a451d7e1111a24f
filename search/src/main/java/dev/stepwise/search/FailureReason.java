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
    /** The policy (or the critic) could not answer; retrying the attempt later may help. */
    POLICY_UNAVAILABLE,
    /** The attempt was cancelled (another attempt proved the theorem, or shutdown). */
    CANCELLED
}
