package dev.stepwise.lean;

import java.time.Duration;
import java.util.Objects;

/** What applying one tactic gave. Lean's verdicts, timeouts and lost processes are all values here. */
public sealed interface StepOutcome {

    /** No error and goals remain. */
    record Progress(SessionState state) implements StepOutcome {
        public Progress {
            Objects.requireNonNull(state, "state");
        }
    }

    /**
     * No error and the REPL's proofStatus is Completed, or, on a REPL that reports no status
     * (before v4.19.0), no goals left and the whole proof elaborates (a step-level verdict; the
     * gate decides).
     */
    record Complete() implements StepOutcome {
    }

    /** Lean refused the tactic, or the step left no goals without completing the proof. */
    record LeanError(String message) implements StepOutcome {
        public LeanError {
            Objects.requireNonNull(message, "message");
        }
    }

    /** The step ran past its deadline; its process was killed and replaced. */
    record Timeout(Duration after) implements StepOutcome {
        public Timeout {
            Objects.requireNonNull(after, "after");
        }
    }

    /** Lean crashed on the step again after a replay on a fresh process. */
    record Crash(String detail) implements StepOutcome {
        public Crash {
            Objects.requireNonNull(detail, "detail");
        }
    }

    /** Refused before it reached Lean (forbidden text), with the reason. */
    record Refused(String reason) implements StepOutcome {
        public Refused {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
