package dev.stepwise.prover.policy.prompt;

/** Measures prompt length in the unit the budget is given in (model tokens, or characters). */
public interface TokenCounter {
    int count(String text);

    /** The unit's name for messages and run records ("tokens", "chars"). */
    String unit();
}
