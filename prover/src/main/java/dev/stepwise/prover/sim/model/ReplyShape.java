package dev.stepwise.prover.sim.model;

/**
 * How the simulated model writes a reply: the tactic alone, or, when the prompt is the one a
 * thinking model is trained on, a thought and then the tactic in a fence. Lean-STaR's prompt ends
 * {@code ---\nReasoning:\n---\n} and its model answers with a thought, then the tactic between
 * {@code ```lean4\n} and {@code ```} (Lagooon/LeanSTaR at 0f9c69a, gpt-accelera/cot_search.py:
 * {@code _prompt_fewshot}, and the split in {@code best_first_search}). The fences are written here
 * from that source, not taken from the client's template, so a client that parsed them wrongly
 * would fail against the simulator.
 */
enum ReplyShape {
    TACTIC,
    THOUGHT_THEN_TACTIC;

    /** The end of Lean-STaR's prompt: what a model trained on it answers with a thought. */
    static final String THINKING_PROMPT_END = "---\nReasoning:\n---\n";
    /** Between the thought and the tactic. */
    static final String OPEN_FENCE = "\n```lean4\n";
    /** After the tactic. */
    static final String CLOSE_FENCE = "\n```";

    static ReplyShape of(String prompt) {
        return prompt.endsWith(THINKING_PROMPT_END) ? THOUGHT_THEN_TACTIC : TACTIC;
    }
}
