package dev.stepwise.search;

/** What became of one candidate tactic at one state: the kind of an edge of the search tree. */
public enum EdgeKind {
    /** Lean accepted the tactic and goals remain; the edge leads to a state node. */
    PROGRESS,
    /** The tactic closed every goal and the caller's acceptance check accepted the whole proof. */
    PROOF_COMPLETE,
    /** The tactic closed every goal but the acceptance check rejected the proof (message says why). */
    PROOF_REJECTED,
    /** Lean refused the tactic; the message is Lean's. */
    LEAN_ERROR,
    /**
     * The tactic ran past the environment's per-tactic wall-clock deadline (twice, the second time
     * on a fresh process): that tactic failed, as LeanDojo answers a tactic that ran out of time;
     * the search counts these apart and says how many in its failure.
     */
    TIMEOUT,
    /** The environment refused the tactic before it reached Lean. */
    REJECTED,
    /**
     * Lean crashed on the tactic (or answered garbage) even on fresh processes, or the acceptance
     * check could not get an answer from Lean on the proof it closed: an infrastructure fault, not
     * Lean's verdict ({@link FailureReason#LEAN_FAULTS}).
     */
    CRASHED,
    /** The search's own candidate filter dropped the tactic; it never reached the environment. */
    FILTERED,
    /** The tactic led back to a state from which this one is reachable, so it makes no progress. */
    CYCLE;

    /** The status of the end of an edge of this kind that leads to no state node. */
    Status terminalStatus() {
        return switch (this) {
            case PROOF_COMPLETE -> Status.PROVED;
            case PROGRESS, PROOF_REJECTED, LEAN_ERROR, TIMEOUT, REJECTED, CRASHED, FILTERED, CYCLE -> Status.FAILED;
        };
    }
}
