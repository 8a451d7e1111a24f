package dev.stepwise.prover.policy.client;

/** What to do with a sample the server stopped at {@code max_tokens} ({@code finish_reason = length}). */
public enum TruncatedTactics {
    /** Drop it: a tactic cut in the middle almost never elaborates and wastes a Lean call. */
    DROP,
    /** Keep it as it is. */
    KEEP
}
