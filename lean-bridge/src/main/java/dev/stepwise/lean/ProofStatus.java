package dev.stepwise.lean;

import java.util.Objects;

/**
 * The REPL's {@code proofStatus} of a tactic result. {@link ReplCodec#proofStatus(String)} is the
 * only place that maps the REPL's strings; anything it does not know is {@link Unrecognized}.
 */
public sealed interface ProofStatus {

    /** The exact text the REPL sent; {@code null} only for {@link NotReported}. */
    String text();

    /** {@code Completed}: the tactic-mode proof term checks (which is not yet a checked theorem). */
    record Completed() implements ProofStatus {
        public String text() {
            return ReplCodec.STATUS_COMPLETED;
        }
    }

    /** {@code Incomplete: open goals remain}. */
    record OpenGoals() implements ProofStatus {
        public String text() {
            return ReplCodec.STATUS_OPEN_GOALS;
        }
    }

    /** {@code Incomplete: contains metavariable(s)}. */
    record ContainsMetavariables() implements ProofStatus {
        public String text() {
            return ReplCodec.STATUS_METAVARIABLES;
        }
    }

    /** {@code Incomplete: contains sorry} (error recovery turns a failed tactic into a sorry). */
    record ContainsSorry() implements ProofStatus {
        public String text() {
            return ReplCodec.STATUS_CONTAINS_SORRY;
        }
    }

    /** {@code Error: Goal not assigned}. */
    record GoalNotAssigned() implements ProofStatus {
        public String text() {
            return ReplCodec.STATUS_GOAL_NOT_ASSIGNED;
        }
    }

    /** {@code Error: proof has type … but root goal has type …}. */
    record TypeMismatch(String text) implements ProofStatus {
        public TypeMismatch {
            Objects.requireNonNull(text, "text");
        }
    }

    /** {@code Error: kernel type check failed: …} (e.g. a proof that refers to itself). */
    record KernelCheckFailed(String text) implements ProofStatus {
        public KernelCheckFailed {
            Objects.requireNonNull(text, "text");
        }
    }

    /** {@code Not verified: more than one initial goal}. */
    record MultipleInitialGoals() implements ProofStatus {
        public String text() {
            return ReplCodec.STATUS_MULTIPLE_GOALS;
        }
    }

    /** A status string this version of Stepwise does not know. Never treated as success. */
    record Unrecognized(String text) implements ProofStatus {
        public Unrecognized {
            Objects.requireNonNull(text, "text");
        }
    }

    /** The response had no {@code proofStatus} (REPL tags before v4.19.0). */
    record NotReported() implements ProofStatus {
        public String text() {
            return null;
        }
    }
}
