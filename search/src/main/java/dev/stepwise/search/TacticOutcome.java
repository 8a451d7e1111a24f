package dev.stepwise.search;

import java.time.Duration;
import java.util.Objects;

/**
 * What applying one tactic to one state gave. Outcomes are values: a Lean error or a timeout is
 * an ordinary edge of the search tree, recorded and never fatal to the search.
 */
public sealed interface TacticOutcome {

    /** The tactic succeeded and goals remain. */
    record Progress(ProofState state) implements TacticOutcome {
        public Progress {
            Objects.requireNonNull(state, "state");
        }
    }

    /** The tactic closed every goal (in tactic mode; the acceptance gate decides later). */
    record ProofComplete() implements TacticOutcome {
    }

    /** Lean refused the tactic; {@code message} is Lean's text. */
    record LeanError(String message) implements TacticOutcome {
        public LeanError {
            Objects.requireNonNull(message, "message");
        }
    }

    /** The tactic ran past its wall-clock deadline and was killed. */
    record Timeout(Duration after) implements TacticOutcome {
        public Timeout {
            Objects.requireNonNull(after, "after");
        }
    }

    /** The tactic was refused before it reached Lean (forbidden text), with the reason. */
    record Rejected(String reason) implements TacticOutcome {
        public Rejected {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** Lean crashed on this tactic and the environment could not rebuild a process for it. */
    record Crashed(String detail) implements TacticOutcome {
        public Crashed {
            Objects.requireNonNull(detail, "detail");
        }
    }
}
