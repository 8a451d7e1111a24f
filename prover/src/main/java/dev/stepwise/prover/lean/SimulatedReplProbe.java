package dev.stepwise.prover.lean;

/**
 * How the simulated Lean REPL says that it is the simulator, with a mark no real Lean REPL
 * produces. A run is labelled SIMULATED from this answer (and from the model server's
 * {@code policy.client.SimulatedServerHeader}), however it was configured ({@code --simulate}, or
 * {@code lean.repl-command} pointed at the simulator by hand). It lives here, beside the prover's
 * other knowledge of what a REPL answers, so that the run asking and the simulator answering both
 * read it without the run depending on the simulator.
 */
public final class SimulatedReplProbe {
    private SimulatedReplProbe() {
    }

    /**
     * A command that is only a Lean line comment: the real REPL (leanprover-community/repl) answers
     * it with a new environment and no message, since a comment elaborates to nothing.
     */
    public static final String COMMAND = "-- stepwise: which REPL is answering?";

    /** The info message the simulated REPL, and only it, answers {@link #COMMAND} with. */
    public static final String ANSWER = "stepwise simulated REPL";
}
