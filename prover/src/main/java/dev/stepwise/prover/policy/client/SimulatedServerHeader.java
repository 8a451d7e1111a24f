package dev.stepwise.prover.policy.client;

/**
 * The response header the simulated model server sends on every reply, and how a run tells that
 * the simulator answered, however it was configured ({@code --simulate}, or {@code model.url}
 * pointed at the simulator by hand). Real servers answer {@code GET /v1/models} with their own
 * name in {@code owned_by} ("vllm": vllm-project/vllm {@code vllm/entrypoints/openai/engine/protocol.py},
 * {@code ModelCard}) and FastAPI's or their HTTP library's headers, never this one. The header is
 * part of what a completions server may answer, so it lives with the client of such servers: the
 * simulator sends it and the run reads it without the run depending on the simulator.
 */
public final class SimulatedServerHeader {
    private SimulatedServerHeader() {
    }

    /** The header's name; its value is {@code true}. */
    public static final String NAME = "X-Stepwise-Simulated";
}
