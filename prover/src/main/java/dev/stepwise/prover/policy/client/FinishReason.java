package dev.stepwise.prover.policy.client;

/** Why the server stopped a sample. */
public enum FinishReason {
    /** End of sequence or a stop string: the tactic is complete. */
    STOP,
    /** {@code max_tokens} or the context limit: the tactic is probably cut short. */
    LENGTH,
    /** The server gave up on the sample (client went away, engine error). */
    ABORT;

    static FinishReason parse(String text) {
        if (text == null) {
            return STOP;
        }
        return switch (text) {
            case "length" -> LENGTH;
            case "abort", "error" -> ABORT;
            // "stop", "eos", and llama-server's older "stop_type" values all mean a complete sample.
            default -> STOP;
        };
    }
}
