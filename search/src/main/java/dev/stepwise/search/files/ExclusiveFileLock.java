package dev.stepwise.search.files;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * An exclusive operating-system lock on one file, held until {@link #close()}. The operating
 * system releases it when the process dies, so a killed holder never leaves a stale lock behind.
 * Callers phrase their own messages: a round lock and a run lock say different things when busy.
 */
public final class ExclusiveFileLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private ExclusiveFileLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock on {@code file} (creating it and its directory) if no one holds it: another
     * process, or this one (the JVM refuses a second lock on a file it holds, as the OS would
     * refuse another process).
     *
     * @return empty when the lock is held elsewhere
     * @throws IOException when the file cannot be created or locked at all
     */
    public static Optional<ExclusiveFileLock> tryAcquire(Path file) throws IOException {
        FileChannel channel = open(file);
        try {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                closeQuietly(channel);
                return Optional.empty();
            }
            return Optional.of(new ExclusiveFileLock(channel, lock));
        } catch (OverlappingFileLockException e) {
            closeQuietly(channel);
            return Optional.empty();
        } catch (IOException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    /**
     * Takes the lock on {@code file}, waiting while another process holds it. Within one JVM the
     * caller must keep a second thread from asking for the same file at the same time (the JVM
     * answers that with {@link OverlappingFileLockException} instead of waiting).
     */
    public static ExclusiveFileLock acquire(Path file) throws IOException {
        FileChannel channel = open(file);
        try {
            return new ExclusiveFileLock(channel, channel.lock());
        } catch (IOException | RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    private static FileChannel open(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        return FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // Closing a channel we failed to lock: nothing was written and there is nothing to undo.
        }
    }

    /** Releases the lock and closes the file. */
    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
