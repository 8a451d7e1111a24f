package dev.stepwise.prover.store;

import dev.stepwise.search.files.ExclusiveFileLock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import dev.stepwise.prover.store.schema.SqlDialect;
import org.sqlite.SQLiteConfig;

/**
 * The connections to one SQLite file and the threads that use them. sqlite-jdbc synchronizes on
 * its connection and calls native code, which pins a virtual thread to its carrier; so every
 * statement runs on a few platform threads owned here: one writer (SQLite allows one writer at a
 * time anyway) and a small pool of readers, each with its own connection (WAL lets them read
 * while the writer writes). Callers on virtual threads only park while they wait for the result.
 */
final class SqliteDatabase extends Database {
    private static final Duration CLOSE_DEADLINE = Duration.ofSeconds(30);

    private final Path path;
    private final Connection writer;
    private final List<Connection> readerConnections;
    private final BlockingQueue<Connection> idleReaders;
    private final ExecutorService writerThread;
    private final ExecutorService readerThreads;
    private final AtomicBoolean closed = new AtomicBoolean();

    private SqliteDatabase(Path path, Connection writer, List<Connection> readers) {
        this.path = path;
        this.writer = writer;
        this.readerConnections = List.copyOf(readers);
        this.idleReaders = new ArrayBlockingQueue<>(readers.size(), false, readers);
        this.writerThread = Executors.newSingleThreadExecutor(
                Thread.ofPlatform().name("store-writer").daemon(true).factory());
        this.readerThreads = Executors.newFixedThreadPool(readers.size(),
                Thread.ofPlatform().name("store-reader-", 1).daemon(true).factory());
    }

    /**
     * Opens the writer connection in WAL mode, lets {@code prepare} bring the schema up to date on
     * it, then opens {@code readerCount} read-only connections.
     */
    static SqliteDatabase open(Path path, Duration busyTimeout, int readerCount, SqlWork<?> prepare) {
        if (readerCount < 1) {
            throw new IllegalArgumentException("readerCount must be >= 1, got " + readerCount);
        }
        List<Connection> opened = new ArrayList<>();
        try {
            Connection writer = connect(path, busyTimeout, Access.READ_WRITE);
            opened.add(writer);
            try {
                prepare.run(writer);
            } catch (SQLException e) {
                throw SqlFailure.translate(new StoreLocation.SqliteFile(path), "prepare the schema", e);
            }
            List<Connection> readers = new ArrayList<>();
            for (int i = 0; i < readerCount; i++) {
                Connection reader = connect(path, busyTimeout, Access.READ_ONLY);
                opened.add(reader);
                readers.add(reader);
            }
            return new SqliteDatabase(path, writer, readers);
        } catch (RuntimeException e) {
            closeAll(opened, e);
            throw e;
        }
    }

    enum Access { READ_WRITE, READ_ONLY }

    private static final Duration OPEN_RETRY = Duration.ofMillis(20);

    /** One connection with the pragmas every Stepwise connection has. */
    static Connection connect(Path path, Duration busyTimeout, Access access) {
        SQLiteConfig config = new SQLiteConfig();
        config.enforceForeignKeys(true);
        config.setBusyTimeout((int) Math.min(Integer.MAX_VALUE, busyTimeout.toMillis()));
        // FULL makes every commit durable through a power loss, not only a killed process; commits
        // are one per finished attempt, so the fsync costs nothing that matters.
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        if (access == Access.READ_WRITE) {
            // WAL is a property of the file: set once by the writer, readers inherit it.
            config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        } else {
            config.setReadOnly(true);
        }
        // Opening applies the pragmas, and switching a new file to WAL can answer SQLITE_BUSY at once,
        // without the busy handler, while another process opens it too: retry until the busy timeout.
        long deadline = System.nanoTime() + busyTimeout.toNanos();
        while (true) {
            try {
                return config.createConnection("jdbc:sqlite:" + path.toAbsolutePath());
            } catch (SQLException e) {
                if (!busy(e) || System.nanoTime() - deadline > 0) {
                    throw SqlFailure.translate(new StoreLocation.SqliteFile(path), "open it", e);
                }
            }
            try {
                Thread.sleep(OPEN_RETRY);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StoreException("database " + path + ": interrupted while waiting to open it", e);
            }
        }
    }

    private static boolean busy(SQLException e) {
        if (!(e instanceof org.sqlite.SQLiteException sqlite)) {
            return false;
        }
        int primary = sqlite.getResultCode().code & 0xff;
        return primary == org.sqlite.SQLiteErrorCode.SQLITE_BUSY.code || primary == org.sqlite.SQLiteErrorCode.SQLITE_LOCKED.code;
    }

    Path path() {
        return path;
    }

    @Override
    public StoreLocation location() {
        return new StoreLocation.SqliteFile(path);
    }

    @Override
    public SqlDialect dialect() {
        return SqlDialect.SQLITE;
    }

    /** Lock files live in {@code NAME.locks/} next to the database file. */
    private Path lockFile(String name) {
        Path db = path.toAbsolutePath();
        return db.resolveSibling(db.getFileName() + ".locks").resolve(name + ".lock");
    }

    @Override
    public String describeLock(String name) {
        return lockFile(name).toString();
    }

    @Override
    public StoreLock lock(String name) {
        Path file = lockFile(name);
        try {
            return new FileLock(ExclusiveFileLock.acquire(file), file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock " + file, e);
        }
    }

    @Override
    public Optional<StoreLock> tryLock(String name) {
        Path file = lockFile(name);
        try {
            return ExclusiveFileLock.tryAcquire(file).map(held -> new FileLock(held, file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock " + file, e);
        }
    }

    /** A lock file that is not there was never taken on this machine: nothing holds it, and none is made. */
    @Override
    public boolean isLocked(String name) {
        return Files.exists(lockFile(name)) && super.isLocked(name);
    }

    /** No lock directory: no lock was ever taken on this file (and looking must not make one). */
    @Override
    public boolean mayHoldLocks() {
        return Files.isDirectory(lockFile("lookup").getParent());
    }

    private record FileLock(ExclusiveFileLock held, Path file) implements StoreLock {
        @Override
        public void close() {
            try {
                held.close();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot release the lock " + file, e);
            }
        }
    }

    /** Runs {@code work} in one immediate transaction on the writer thread: all of it commits or none. */
    @Override
    public <T> T write(String doing, SqlWork<T> work) {
        return await(doing, () -> inTransaction(writer, "BEGIN IMMEDIATE", doing, work), writerThread);
    }

    /** Runs {@code work} on a reader connection inside one read transaction: it sees one snapshot. */
    @Override
    public <T> T read(String doing, SqlWork<T> work) {
        return await(doing, () -> {
            // never waits: there are as many connections as reader threads
            Connection c = idleReaders.take();
            try {
                return inTransaction(c, "BEGIN", doing, work);
            } finally {
                idleReaders.add(c);
            }
        }, readerThreads);
    }

    private <T> T inTransaction(Connection c, String begin, String doing, SqlWork<T> work) {
        try {
            SchemaMigrator.execute(c, begin);
        } catch (SQLException e) {
            throw SqlFailure.translate(location(), doing, e);
        }
        try {
            T result = work.run(c);
            SchemaMigrator.execute(c, "COMMIT");
            return result;
        } catch (SQLException e) {
            RuntimeException failure = SqlFailure.translate(location(), doing, e);
            SchemaMigrator.rollback(c, failure);
            throw failure;
        } catch (RuntimeException e) {
            SchemaMigrator.rollback(c, e);
            throw e;
        }
    }

    private <T> T await(String doing, java.util.concurrent.Callable<T> task, ExecutorService executor) {
        Future<T> future;
        try {
            future = executor.submit(task);
        } catch (RejectedExecutionException e) {
            throw new StoreException("database " + path + " is closed; cannot " + doing, e);
        }
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while waiting for database " + path + " to " + doing, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new StoreException("database " + path + ": cannot " + doing + ": " + cause, cause);
        }
    }

    /** Lets queued work finish (within a deadline), then closes every connection. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        writerThread.shutdown();
        readerThreads.shutdown();
        RuntimeException failure = new StoreException("database " + path + ": closing failed");
        try {
            long deadline = System.nanoTime() + CLOSE_DEADLINE.toNanos();
            if (!writerThread.awaitTermination(deadline - System.nanoTime(), TimeUnit.NANOSECONDS)
                    || !readerThreads.awaitTermination(deadline - System.nanoTime(), TimeUnit.NANOSECONDS)) {
                failure.addSuppressed(new StoreException("database work still running after " + CLOSE_DEADLINE));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure.addSuppressed(e);
        }
        List<Connection> all = new ArrayList<>(readerConnections);
        all.add(writer);
        closeAll(all, failure);
        if (failure.getSuppressed().length > 0) {
            throw failure;
        }
    }

    private static void closeAll(List<Connection> connections, Exception failure) {
        for (Connection c : connections) {
            try {
                c.close();
            } catch (SQLException e) {
                failure.addSuppressed(e);
            }
        }
    }
}
