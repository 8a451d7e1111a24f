package dev.stepwise.iteration;

import dev.stepwise.search.files.ExclusiveFileLock;
import java.io.IOException;
import java.nio.file.Path;

/**
 * An exclusive lock on the data directory held while a round runs, so that two rounds (a cron
 * job and a manual run) never run at once. The operating system releases it when the process
 * dies, so a killed round never leaves a stale lock behind.
 */
final class RoundLock implements AutoCloseable {
    static final String FILE = "iterate.lock";

    private final ExclusiveFileLock lock;

    private RoundLock(ExclusiveFileLock lock) {
        this.lock = lock;
    }

    static RoundLock acquire(Path dataDir) {
        Path file = dataDir.resolve(FILE);
        try {
            return new RoundLock(ExclusiveFileLock.tryAcquire(file).orElseThrow(() -> new IterationException(
                    IterationException.Kind.ENVIRONMENT,
                    "another round is running (it holds the lock " + file + "); only one round runs at a time")));
        } catch (IOException e) {
            throw new IterationException(IterationException.Kind.ENVIRONMENT, "cannot lock " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            lock.close();
        } catch (IOException e) {
            throw new IterationException(IterationException.Kind.ENVIRONMENT, "cannot release the round lock: " + e.getMessage(), e);
        }
    }
}
