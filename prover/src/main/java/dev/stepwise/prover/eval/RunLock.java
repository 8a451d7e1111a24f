package dev.stepwise.prover.eval;

import dev.stepwise.prover.store.Run;
import dev.stepwise.prover.store.Store;
import dev.stepwise.search.files.ExclusiveFileLock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * An exclusive lock on one run, held while an invocation runs it, as a round holds the iterate
 * lock: a second identical eval (same name, or same configuration) refuses to start instead of
 * "resuming" the live run and redoing its problems. The lock is a file lock next to the database,
 * so the operating system releases it when the process dies, and a killed run never leaves a
 * stale lock behind.
 */
final class RunLock implements AutoCloseable {
    /** Finding (or creating) the run and taking its lock are one step, also between threads of one JVM. */
    private static final ReentrantLock LOOKUP = new ReentrantLock();

    private final ExclusiveFileLock lock;

    private RunLock(ExclusiveFileLock lock) {
        this.lock = lock;
    }

    /**
     * Runs {@code find} (which finds or creates a run and locks it) while no other invocation on
     * this database does the same, so two that start together cannot both create or both take a run.
     */
    static <T> T lookingUp(Store store, Supplier<T> find) {
        Path file = dir(store).resolve("lookup.lock");
        LOOKUP.lock();
        try (ExclusiveFileLock held = ExclusiveFileLock.acquire(file)) {
            return find.get();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock " + file, e);
        } finally {
            LOOKUP.unlock();
        }
    }

    /** @throws RunBusyException if another process (or invocation) holds the run */
    static RunLock acquire(Store store, Run run) {
        Path file = dir(store).resolve("run-" + run.id().value() + ".lock");
        try {
            return new RunLock(ExclusiveFileLock.tryAcquire(file).orElseThrow(() -> new RunBusyException("run " + run.name()
                    + " is being run by another stepwise process right now (it holds " + file
                    + "); wait for it to finish, or give this one another --name")));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock " + file, e);
        }
    }

    /**
     * Whether some invocation holds {@code run}'s lock now, tried without waiting and let go at
     * once. A lock file that is not there was never taken on this machine: nothing holds it.
     */
    static boolean isHeld(Store store, Run run) {
        Path file = dir(store).resolve("run-" + run.id().value() + ".lock");
        if (!Files.exists(file)) {
            return false;
        }
        try {
            Optional<ExclusiveFileLock> free = ExclusiveFileLock.tryAcquire(file);
            if (free.isEmpty()) {
                return true;
            }
            free.get().close();
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot look at the lock " + file, e);
        }
    }

    /** Whether any run on this database ever took a lock here (else there is nothing to look at). */
    static boolean anyLocks(Store store) {
        return Files.isDirectory(dir(store));
    }

    /** Fails at once, before Lean starts, if the run is live elsewhere; takes nothing. */
    static void requireFree(Store store, Run run) {
        acquire(store, run).close();
    }

    private static Path dir(Store store) {
        Path db = store.path().toAbsolutePath();
        return db.resolveSibling(db.getFileName() + ".locks");
    }

    @Override
    public void close() {
        try {
            lock.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot release the lock of a run", e);
        }
    }
}
