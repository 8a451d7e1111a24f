package dev.stepwise.prover.eval;

import dev.stepwise.search.AttemptId;
import dev.stepwise.search.SearchProgress;

/**
 * Told what a run is doing, for progress displays. Called from search threads, concurrently:
 * implementations must be thread-safe and quick.
 */
public interface RunObserver {

    /** One line for the user before the run starts (e.g. that Lean runs unsandboxed). */
    default void warning(String line) {
    }

    /**
     * The request matched a run that is already complete: its stored results are reported again
     * and nothing is searched.
     */
    default void alreadyComplete(String run) {
    }

    /** @param alreadyDone problems finished by an earlier invocation of a resumed run */
    default void runStarted(String run, int total, int alreadyDone, int alreadySolved, boolean resumed) {
    }

    default void progress(AttemptId attempt, SearchProgress progress) {
    }

    /**
     * A problem's search ended and its result is stored.
     *
     * @param done problems finished so far, this invocation and earlier ones
     */
    default void problemFinished(ProblemDone problem, int done, int solved, int total) {
    }

    /**
     * The run has made no progress for a while; {@code what} says what it waits for (see
     * {@code run.WaitingOn#describe}), e.g. {@code 2 tactics running 41 s (deadline 60 s per try) on p17, p23}.
     */
    default void waiting(String what) {
    }

    /** @param lean how this invocation used the Lean processes */
    default void runFinished(LeanUsage lean) {
    }

    RunObserver NONE = new RunObserver() {
    };
}
