package dev.stepwise.prover.policy.prompt;

import java.util.Objects;

/**
 * What one completion of a step template says: the tactic, the thought the model wrote before
 * it ("" for templates without thoughts), and the characters of the completion whose tokens score
 * the tactic: the whole completion for a plain template, the tactic's own text for a template
 * with thoughts, so a long or confident thought neither sinks nor lifts the tactic's rank.
 *
 * @param scoredFrom first character of the completion whose token counts (inclusive)
 * @param scoredTo end of the scored characters (exclusive)
 */
public record StepReply(String thought, String tactic, int scoredFrom, int scoredTo) {
    public StepReply {
        Objects.requireNonNull(thought, "thought");
        Objects.requireNonNull(tactic, "tactic");
        if (tactic.isBlank()) {
            throw new IllegalArgumentException("a step reply has a tactic");
        }
        if (scoredFrom < 0 || scoredTo < scoredFrom) {
            throw new IllegalArgumentException("scored span must be ordered and non-negative, got [" + scoredFrom + ", "
                    + scoredTo + ")");
        }
    }
}
