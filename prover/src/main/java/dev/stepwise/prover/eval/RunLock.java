package dev.stepwise.prover.eval;

import dev.stepwise.prover.store.Run;
import dev.stepwise.prover.store.Store;
import dev.stepwise.prover.store.StoreLock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * An exclusive lock on one run, held while an invocation runs it, as a round holds the iterate
 * lock: a second identical eval (same name, or same configuration) refuses to start instead of
 * "resuming" the live run and redoing its problems. The lock is the store's
 * ({@link StoreLock}: a file lock next to an SQLite file, an advisory
 * lock on PostgreSQL), so it goes with the process that dies holding it, and a killed run never
 * leaves a stale lock behind.
 */
final class RunLock implements AutoCloseable {
    /** Finding (or creating) the run and taking its lock are one step, also between threads of one JVM. */
    private static final ReentrantLock LOOKUP = new ReentrantLock();

    private final StoreLock lock;

    private RunLock(StoreLock lock) {
        this.lock = lock;
    }

    /**
     * Runs {@code find} (which finds or creates a run and locks it) while no other invocation on
     * this database does the same, so two that start together cannot both create or both take a run.
     */
    static <T> T lookingUp(Store store, Supplier<T> find) {
        LOOKUP.lock();
        try (StoreLock held = store.database().lock("lookup")) {
            return find.get();
        } finally {
            LOOKUP.unlock();
        }
    }

    /** @throws RunBusyException if another process (or invocation) holds the run */
    static RunLock acquire(Store store, Run run) {
        return new RunLock(store.database().tryLock(name(run)).orElseThrow(() -> new RunBusyException("run " + run.name()
                + " is being run by another stepwise process right now (it holds "
                + store.database().describeLock(name(run)) + "); wait for it to finish, or give this one another --name")));
    }

    /** Whether some invocation holds {@code run}'s lock now, tried without waiting and let go at once. */
    static boolean isHeld(Store store, Run run) {
        return store.database().isLocked(name(run));
    }

    /** Whether any run on this database ever took a lock (else none can be held, and there is nothing to look at). */
    static boolean anyLocks(Store store) {
        return store.database().mayHoldLocks();
    }

    /** Fails at once, before Lean starts, if the run is live elsewhere; takes nothing. */
    static void requireFree(Store store, Run run) {
        acquire(store, run).close();
    }

    private static String name(Run run) {
        return "run-" + run.id().value();
    }

    @Override
    public void close() {
        lock.close();
    }
}
