package dev.stepwise.prover.sim.repl;

import dev.stepwise.lean.Frame;
import java.time.Duration;

/** Decides the answer to each request of one simulated REPL process, in order. Not thread-safe. */
interface ReplEngine {
    ReplAnswer answer(Frame request);

    /**
     * How long the simulated Lean spent on the last answer, which the REPL lets pass (counted from
     * when it read the request) before it writes the answer; then zero until the next answer.
     */
    default Duration takeLeanTime() {
        return Duration.ZERO;
    }
}
