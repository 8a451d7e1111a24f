package dev.stepwise.prover.eval;

import dev.stepwise.prover.store.Run;
import java.util.Objects;

/**
 * What an invocation found for its request when it looked the run up, once, before Lean starts
 * ({@link RunLookup#claim}). Closing it releases what it holds.
 */
public sealed interface RunClaim extends AutoCloseable {

    @Override
    void close();

    /** A finished run with this configuration and these problems: reported again without starting Lean or the model. */
    record Finished(Run run) implements RunClaim {
        public Finished {
            Objects.requireNonNull(run, "run");
        }

        @Override
        public void close() {
        }
    }

    /**
     * An unfinished run this request continues, locked from the lookup to the end of the run, so
     * that no other invocation can take it while this one starts Lean.
     */
    final class Held implements RunClaim {
        private final Run run;
        private final RunLock lock;

        Held(Run run, RunLock lock) {
            this.run = Objects.requireNonNull(run, "run");
            this.lock = Objects.requireNonNull(lock, "lock");
        }

        public Run run() {
            return run;
        }

        @Override
        public void close() {
            lock.close();
        }
    }

    /**
     * No run yet. It is created once Lean has started (a run whose Lean never started leaves no
     * row), under the lookup lock, where a run another invocation created meanwhile is found.
     */
    record Fresh() implements RunClaim {
        @Override
        public void close() {
        }
    }
}
