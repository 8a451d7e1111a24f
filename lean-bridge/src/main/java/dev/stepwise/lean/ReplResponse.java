package dev.stepwise.lean;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Objects;

/**
 * Every response form of the Lean REPL. Pickle and unpickle requests are answered with a
 * {@link CommandResult} (environments) or a {@link TacticResult} (proof states), as the REPL does.
 * Parts whose shape the REPL does not promise (tactics, infotree, traces) are kept as raw JSON;
 * {@code null} means the key was absent.
 */
public sealed interface ReplResponse {

    /** {@code {"env": n, "messages": [...], "sorries": [...], "tactics": [...], "infotree": [...]}}. */
    record CommandResult(int env, List<Message> messages, List<Sorry> sorries, JsonNode tactics, JsonNode infotree)
            implements ReplResponse {
        public CommandResult {
            if (env < 0) {
                throw new IllegalArgumentException("env must be >= 0, got " + env);
            }
            messages = List.copyOf(messages);
            sorries = List.copyOf(sorries);
        }

        public CommandResult(int env) {
            this(env, List.of(), List.of(), null, null);
        }
    }

    /**
     * {@code {"proofState": k, "goals": [...], "messages": [...], "sorries": [...], "traces": [...],
     * "proofStatus": "..."}}.
     */
    record TacticResult(int proofState, List<String> goals, List<Message> messages, List<Sorry> sorries,
            JsonNode traces, ProofStatus proofStatus) implements ReplResponse {
        public TacticResult {
            if (proofState < 0) {
                throw new IllegalArgumentException("proofState must be >= 0, got " + proofState);
            }
            goals = List.copyOf(goals);
            messages = List.copyOf(messages);
            sorries = List.copyOf(sorries);
            Objects.requireNonNull(proofStatus, "proofStatus");
        }

        /** Whether any message has severity error. */
        public boolean hasError() {
            return messages.stream().anyMatch(m -> m.severity() == Severity.ERROR);
        }
    }

    /** {@code {"message": "..."}}: the REPL refused the request (unknown env, unknown tactic, exception). */
    record ErrorMessage(String message) implements ReplResponse {
        public ErrorMessage {
            Objects.requireNonNull(message, "message");
        }
    }
}
