package dev.stepwise.lean;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * A sorry the REPL found: its goal and, where Lean made one, the proof state to continue from.
 * {@code pos}/{@code endPos} are absent for sorries made in tactic mode; {@code null} = absent.
 */
public record Sorry(String goal, Integer proofState, JsonNode pos, JsonNode endPos) {
    public Sorry {
        Objects.requireNonNull(goal, "goal");
    }
}
