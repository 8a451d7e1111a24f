package dev.stepwise.prover.sim.repl;

import java.util.Objects;

/** What the simulated REPL does with one request. */
sealed interface ReplAnswer {

    /** Write this frame (a response and the empty line that ends it). */
    record Reply(String frame) implements ReplAnswer {
        public Reply {
            Objects.requireNonNull(frame, "frame");
        }
    }

    /** Write the start of an answer, then die as a crashing Lean does (no terminator, exit 134). */
    record Crash(String partial, String stderr) implements ReplAnswer {
    }

    /** Never answer and never read again, like a tactic stuck in a loop. */
    record Hang() implements ReplAnswer {
    }

    /** Stop serving: the end of input, or an empty request. */
    record End() implements ReplAnswer {
    }
}
