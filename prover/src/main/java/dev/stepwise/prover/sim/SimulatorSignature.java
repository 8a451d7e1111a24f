package dev.stepwise.prover.sim;

/**
 * How the simulator's REPL and model server say that they are the simulator, with marks no real
 * Lean REPL or inference server produces. A run is labelled SIMULATED from these answers, however
 * it was configured ({@code --simulate}, or {@code lean.repl-command} and {@code model.url}
 * pointed at the simulator by hand).
 */
public final class SimulatorSignature {
    private SimulatorSignature() {
    }

    /**
     * A command that is only a Lean line comment: the real REPL (leanprover-community/repl) answers
     * it with a new environment and no message, since a comment elaborates to nothing.
     */
    public static final String REPL_PROBE = "-- stepwise: which REPL is answering?";

    /** The info message the simulated REPL, and only it, answers {@link #REPL_PROBE} with. */
    public static final String REPL_ANSWER = "stepwise simulated REPL";

    /**
     * The response header the simulated model server sends on every reply. Real servers answer
     * {@code GET /v1/models} with their own name in {@code owned_by} ("vllm": vllm-project/vllm
     * {@code vllm/entrypoints/openai/engine/protocol.py}, {@code ModelCard}) and FastAPI's or
     * their HTTP library's headers, never this one.
     */
    public static final String SERVER_HEADER = "X-Stepwise-Simulated";
}
