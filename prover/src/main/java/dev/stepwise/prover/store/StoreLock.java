package dev.stepwise.prover.store;

/**
 * A named lock that one process holds on a store until it closes it or dies: a file lock next to
 * an SQLite file (the operating system lets it go with the process), a session-level advisory
 * lock on PostgreSQL (the server lets it go with the connection). Runs take one each, so two
 * invocations never run the same run.
 */
public interface StoreLock extends AutoCloseable {
    /** Lets the lock go. Idempotent. */
    @Override
    void close();
}
