package dev.stepwise.lean;

import java.util.Objects;

/**
 * Every request form the Lean REPL accepts. {@link ReplCodec} encodes them as one JSON line;
 * {@link RequestWriter} frames them. A {@code null} optional field is left out of the JSON.
 */
public sealed interface ReplRequest {

    /**
     * {@code {"cmd": ..., "env": n, "allTactics": b, "rootGoals": b, "infotree": "full"}}. Without
     * {@code env} the command runs in a fresh environment (the only place {@code import} may appear).
     */
    record Command(String cmd, Integer env, Boolean allTactics, Boolean rootGoals, String infotree)
            implements ReplRequest {
        public Command {
            Objects.requireNonNull(cmd, "cmd");
            requireNonNegative(env, "env");
        }

        /** A command in a fresh environment, with no options. */
        public static Command fresh(String cmd) {
            return new Command(cmd, null, null, null, null);
        }

        /** A command on top of an existing environment, with no options. */
        public static Command in(int env, String cmd) {
            return new Command(cmd, env, null, null, null);
        }
    }

    /** {@code {"path": "file.lean", "allTactics": b, ...}}: elaborate a whole file. */
    record File(String path, Integer env, Boolean allTactics, Boolean rootGoals, String infotree)
            implements ReplRequest {
        public File {
            Objects.requireNonNull(path, "path");
            requireNonNegative(env, "env");
        }
    }

    /** {@code {"tactic": "intro h", "proofState": k}}. */
    record Tactic(String tactic, int proofState) implements ReplRequest {
        public Tactic {
            Objects.requireNonNull(tactic, "tactic");
            requireNonNegative(proofState, "proofState");
        }
    }

    /** {@code {"pickleTo": "x.olean", "env": n}}. */
    record PickleEnv(String pickleTo, int env) implements ReplRequest {
        public PickleEnv {
            Objects.requireNonNull(pickleTo, "pickleTo");
            requireNonNegative(env, "env");
        }
    }

    /** {@code {"pickleTo": "x.olean", "proofState": k}}. */
    record PickleProofState(String pickleTo, int proofState) implements ReplRequest {
        public PickleProofState {
            Objects.requireNonNull(pickleTo, "pickleTo");
            requireNonNegative(proofState, "proofState");
        }
    }

    /** {@code {"unpickleEnvFrom": "x.olean"}}. */
    record UnpickleEnv(String unpickleEnvFrom) implements ReplRequest {
        public UnpickleEnv {
            Objects.requireNonNull(unpickleEnvFrom, "unpickleEnvFrom");
        }
    }

    /** {@code {"unpickleProofStateFrom": "x.olean", "env": n}}; {@code env} is optional. */
    record UnpickleProofState(String unpickleProofStateFrom, Integer env) implements ReplRequest {
        public UnpickleProofState {
            Objects.requireNonNull(unpickleProofStateFrom, "unpickleProofStateFrom");
            requireNonNegative(env, "env");
        }
    }

    private static void requireNonNegative(Integer value, String field) {
        if (value != null && value < 0) {
            throw new IllegalArgumentException(field + " must be >= 0, got " + value);
        }
    }
}
