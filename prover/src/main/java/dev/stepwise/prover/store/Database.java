package dev.stepwise.prover.store;

import dev.stepwise.prover.store.schema.SqlDialect;
import java.util.Optional;

/**
 * The connections to one store and the threads that use them: an SQLite file
 * ({@link SqliteDatabase}: one writer thread, a few readers) or a PostgreSQL database
 * ({@link PostgresDatabase}: a connection pool). Repositories see only transactions: every
 * {@link #write} runs alone, one after another, as SQLite's immediate transactions do, so the
 * repositories' read-then-write steps mean the same on both; every {@link #read} sees one snapshot.
 */
public abstract sealed class Database implements AutoCloseable permits SqliteDatabase, PostgresDatabase {

    Database() {
    }

    /** Where the store lives, for messages. */
    public abstract StoreLocation location();

    /** Which SQL the connections speak. */
    public abstract SqlDialect dialect();

    /** Runs {@code work} in one write transaction, writes serialized: all of it commits or none. */
    public abstract <T> T write(String doing, SqlWork<T> work);

    /**
     * Runs {@code work} in one write transaction that only the rows it locks guard: on PostgreSQL
     * it does not wait for the store-wide writers' lock, so workers claiming problems
     * ({@code SELECT ... FOR UPDATE SKIP LOCKED}) pass each other; on SQLite every write is alone
     * anyway, and this is {@link #write}.
     */
    public <T> T writeRows(String doing, SqlWork<T> work) {
        return write(doing, work);
    }

    /** Runs {@code work} inside one read-only transaction: it sees one snapshot. */
    public abstract <T> T read(String doing, SqlWork<T> work);

    /** Takes the lock named {@code name} on this store, waiting while another process holds it. */
    public abstract StoreLock lock(String name);

    /** Takes the lock named {@code name} if no one holds it; empty, without waiting, if someone does. */
    public abstract Optional<StoreLock> tryLock(String name);

    /** The lock named {@code name} as a message names it: the file, or the server's advisory lock. */
    public abstract String describeLock(String name);

    /** Whether some process holds the lock named {@code name} now; looks without keeping it. */
    public boolean isLocked(String name) {
        Optional<StoreLock> free = tryLock(name);
        free.ifPresent(StoreLock::close);
        return free.isEmpty();
    }

    /**
     * False only when no lock was ever taken on this store, so that looking at locks (which takes
     * the lookup lock) can be skipped by commands that only read.
     */
    public boolean mayHoldLocks() {
        return true;
    }

    /** Lets work in progress finish (within a deadline), then closes every connection. Idempotent. */
    @Override
    public abstract void close();
}
