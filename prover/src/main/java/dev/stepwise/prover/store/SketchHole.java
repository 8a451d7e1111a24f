package dev.stepwise.prover.store;

import java.util.List;
import java.util.Objects;

/**
 * One hole of one sketch as its attempt left it.
 *
 * @param sketch the sketch's index in its attempt (0 = the first the planner wrote)
 * @param index the hole's index in its sketch, in the REPL's {@code sorries} order
 * @param goal the hole's goal as Lean printed it
 * @param status how it ended
 * @param tactics the hole's proof (empty unless proved or cached)
 * @param expansions expansions its search made (0 when cached or not searched)
 * @param detail why it failed, or what proved it
 */
public record SketchHole(int sketch, int index, String goal, Status status, List<String> tactics, long expansions,
        String detail) {
    public SketchHole {
        Objects.requireNonNull(goal, "goal");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(detail, "detail");
        tactics = List.copyOf(tactics);
    }

    /** How a hole ended; {@link #code()} is what the store and result files write. */
    public enum Status {
        /** The step search proved it. */
        PROVED("proved"),
        /** The run's subgoal cache held its proof: no search. */
        CACHED("cached"),
        /** Its search ended without a proof. */
        FAILED("failed"),
        /** An earlier hole of its sketch failed, so it was never searched. */
        SKIPPED("skipped");

        private final String code;

        Status(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }

        public static Status ofCode(String code) {
            for (Status s : values()) {
                if (s.code.equals(code)) {
                    return s;
                }
            }
            throw new IllegalArgumentException("unknown hole status '" + code + "'");
        }
    }
}
