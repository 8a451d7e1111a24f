package dev.stepwise.prover.store;

/** Why an attempt ended without a proof. */
public enum FailureReason implements Columns.Coded {
    /** A budget (expansions, tactic calls, tokens, wall time) ran out. */
    BUDGET_EXHAUSTED("budget-exhausted"),
    /** Every open state was expanded and failed. */
    FRONTIER_EXHAUSTED("frontier-exhausted"),
    /** Lean could not be used (start failed, crashes beyond recovery). */
    ENVIRONMENT_FAILURE("environment-failure"),
    /** The model server could not answer. */
    POLICY_UNAVAILABLE("policy-unavailable"),
    /** Another attempt of the same problem found an accepted proof first (pass@k). */
    CANCELLED("cancelled");

    private final String code;

    FailureReason(String code) {
        this.code = code;
    }

    @Override
    public String code() {
        return code;
    }
}
