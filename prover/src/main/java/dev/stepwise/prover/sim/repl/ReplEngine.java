package dev.stepwise.prover.sim.repl;

import dev.stepwise.lean.Frame;

/** Decides the answer to each request of one simulated REPL process, in order. Not thread-safe. */
interface ReplEngine {
    ReplAnswer answer(Frame request);
}
