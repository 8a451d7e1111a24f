package dev.stepwise.iteration;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive lock on the data directory held while a round runs, so that two rounds (a cron
 * job and a manual run) never run at once. The operating system releases it when the process
 * dies, so a killed round never leaves a stale lock behind.
 */
final class RoundLock implements AutoCloseable {
    static final String FILE = "iterate.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private RoundLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    static RoundLock acquire(Path dataDir) {
        Path file = dataDir.resolve(FILE);
        FileChannel channel = null;
        try {
            Files.createDirectories(dataDir);
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                throw held(file, channel);
            }
            return new RoundLock(channel, lock);
        } catch (OverlappingFileLockException e) {
            throw held(file, channel);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new IterationException(IterationException.Kind.ENVIRONMENT, "cannot lock " + file + ": " + e.getMessage(), e);
        }
    }

    private static IterationException held(Path file, FileChannel channel) {
        closeQuietly(channel);
        return new IterationException(IterationException.Kind.ENVIRONMENT,
                "another round is running (it holds the lock " + file + "); only one round runs at a time");
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // Closing a channel we failed to lock: nothing was written and there is nothing to undo.
            }
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            throw new IterationException(IterationException.Kind.ENVIRONMENT, "cannot release the round lock: " + e.getMessage(), e);
        }
    }
}
