package dev.stepwise.prover.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import dev.stepwise.prover.store.schema.SqlDialect;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The connections to one PostgreSQL database: a HikariCP pool, its connections in manual-commit
 * mode. Work runs on the caller's thread: pgjdbc guards its connection with a lock a virtual
 * thread can park on (since 42.6), unlike sqlite-jdbc's {@code synchronized}, so no executor of
 * our own is needed, and the pool bounds how many connections the threads share.
 *
 * <p>Writes take one transaction-scoped advisory lock first, so they run one at a time as
 * SQLite's {@code BEGIN IMMEDIATE} makes them: a repository that reads, then writes what it read
 * (find a resumable run, else create one) means the same on both databases. Waiting for that lock
 * is bounded by {@code store.busy-timeout}, like SQLite's busy handler.
 *
 * <p>Why advisory locks, and their two scopes (PostgreSQL 15 documentation, "Explicit Locking",
 * section Advisory Locks, and "System Administration Functions", table Advisory Lock Functions):
 * an advisory lock locks a key the application chooses, not a table or row, so it serialises our
 * writers without locking what readers read, and it names a run's lock without a row to hold. A
 * transaction-level one ({@code pg_advisory_xact_lock}, the writers') is released by the server at
 * the end of the transaction, commit or rollback, and cannot be released explicitly: no path can
 * leave it held. A session-level one ({@code pg_advisory_lock}, {@code pg_try_advisory_lock}, a
 * run's) is held until {@code pg_advisory_unlock} or the end of the session, whatever the
 * transactions on that connection do (a rollback does not release it): hence the connection of its
 * own, and a crashed process or lost network ends the session and so the lock.
 */
final class PostgresDatabase extends Database {
    /** The key of the writers' advisory lock: "Stepwise" in ASCII, one 64-bit key for every store. */
    static final long WRITE_LOCK = 0x5374657077697365L;
    /**
     * Connections: one for writes (they run one at a time anyway), a few for reads, and the rest
     * for the locks runs hold. Each kind waits its turn in a fair queue of its own, as SQLite's
     * writer thread and reader threads do: the pool alone hands a connection back to the thread
     * that just returned it, and a reader looping on the store could starve the writer.
     */
    private static final int POOL_SIZE = 8;
    private static final int READERS = 4;
    /** Hikari refuses a connection timeout under 250 ms. */
    private static final Duration MIN_CONNECTION_TIMEOUT = Duration.ofMillis(250);

    private final StoreLocation.Postgres location;
    private final Duration busyTimeout;
    private final HikariDataSource pool;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Set<AdvisoryLock> held = ConcurrentHashMap.newKeySet();
    private final Semaphore writeTurn = new Semaphore(1, true);
    private final Semaphore readTurn = new Semaphore(READERS, true);

    private PostgresDatabase(StoreLocation.Postgres location, Duration busyTimeout, HikariDataSource pool) {
        this.location = location;
        this.busyTimeout = busyTimeout;
        this.pool = pool;
    }

    /**
     * Opens the pool (one connection is made at once, so a wrong host, database or password fails
     * here in one line), then lets {@code prepare} bring the schema up to date in one transaction.
     *
     * @param env the environment: {@code PGPASSWORD} is the password when set; otherwise pgjdbc
     *     reads a {@code .pgpass} file ({@code PGPASSFILE}, else {@code ~/.pgpass}) as libpq does
     */
    static PostgresDatabase open(StoreLocation.Postgres location, Duration busyTimeout, Map<String, String> env,
            SqlWork<?> prepare) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(location.jdbcUrl());
        String password = env.get("PGPASSWORD");
        if (password != null && !password.isEmpty()) {
            config.setPassword(password);
        }
        config.setPoolName("stepwise-store");
        config.setMaximumPoolSize(POOL_SIZE);
        config.setMinimumIdle(1);
        config.setAutoCommit(false);
        config.setConnectionTimeout(Math.max(MIN_CONNECTION_TIMEOUT.toMillis(), busyTimeout.toMillis()));
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(config);
        } catch (HikariPool.PoolInitializationException e) {
            throw e.getCause() instanceof SQLException sql
                    ? SqlFailure.translate(location, "connect to it", sql)
                    : new StoreException("database " + location + ": cannot connect to it: " + e.getMessage(), e);
        }
        PostgresDatabase db = new PostgresDatabase(location, busyTimeout, pool);
        try {
            db.write("prepare the schema", prepare);
            return db;
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    /** One connection outside any pool, in manual-commit mode, for a look that needs no more. */
    static Connection connectOnce(StoreLocation.Postgres location, Map<String, String> env) throws SQLException {
        Properties props = new Properties();
        String password = env.get("PGPASSWORD");
        if (password != null && !password.isEmpty()) {
            props.setProperty("password", password);
        }
        Connection c = DriverManager.getConnection(location.jdbcUrl(), props);
        c.setAutoCommit(false);
        return c;
    }

    @Override
    public StoreLocation.Postgres location() {
        return location;
    }

    @Override
    public SqlDialect dialect() {
        return SqlDialect.POSTGRESQL;
    }

    /**
     * A session-level advisory lock on a connection of its own, kept out of the pool while held:
     * the server lets it go when that connection ends, with the process or the network. The key is
     * the first 8 bytes of SHA-256("stepwise-lock:" + name).
     */
    @Override
    public String describeLock(String name) {
        return "the advisory lock of " + name + " on " + location;
    }

    @Override
    public StoreLock lock(String name) {
        return take(name, "SELECT true FROM pg_advisory_lock(?)").orElseThrow();
    }

    @Override
    public Optional<StoreLock> tryLock(String name) {
        return take(name, "SELECT pg_try_advisory_lock(?)");
    }

    private Optional<StoreLock> take(String name, String query) {
        long key = ByteBuffer.wrap(Columns.sha256("stepwise-lock:" + name)).getLong();
        String doing = "take the lock " + name;
        Connection c;
        try {
            c = pool.getConnection();
        } catch (SQLException e) {
            throw SqlFailure.translate(location, doing, e);
        }
        try {
            boolean taken;
            try (PreparedStatement ps = c.prepareStatement(query)) {
                ps.setLong(1, key);
                try (ResultSet rs = ps.executeQuery()) {
                    taken = rs.next() && rs.getBoolean(1);
                }
            }
            // the lock is the session's; ending the transaction keeps it, and no transaction stays open
            c.commit();
            if (!taken) {
                c.close();
                return Optional.empty();
            }
            AdvisoryLock lock = new AdvisoryLock(c, key, name);
            held.add(lock);
            return Optional.of(lock);
        } catch (SQLException e) {
            RuntimeException failure = SqlFailure.translate(location, doing, e);
            closeQuietly(c, failure);
            throw failure;
        }
    }

    private final class AdvisoryLock implements StoreLock {
        private final Connection connection;
        private final long key;
        private final String name;
        private final AtomicBoolean released = new AtomicBoolean();

        AdvisoryLock(Connection connection, long key, String name) {
            this.connection = connection;
            this.key = key;
            this.name = name;
        }

        @Override
        public void close() {
            if (!released.compareAndSet(false, true)) {
                return;
            }
            held.remove(this);
            try (connection) {
                try (PreparedStatement ps = connection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
                    ps.setLong(1, key);
                    ps.execute();
                }
                connection.commit();
            } catch (SQLException e) {
                // a connection that broke took the lock with it on the server's side
                throw SqlFailure.translate(location, "release the lock " + name, e);
            }
        }
    }

    private static void closeQuietly(Connection c, Throwable failure) {
        try {
            c.close();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    @Override
    public <T> T write(String doing, SqlWork<T> work) {
        return inTransaction(writeTurn, doing, c -> {
            try (var s = c.createStatement()) {
                s.execute("SET LOCAL lock_timeout = " + Math.max(1, busyTimeout.toMillis()));
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
                ps.setLong(1, WRITE_LOCK);
                ps.execute();
            }
            try (var s = c.createStatement()) {
                s.execute("SET LOCAL lock_timeout = 0");
            }
            return work.run(c);
        });
    }

    @Override
    public <T> T writeRows(String doing, SqlWork<T> work) {
        return inTransaction(writeTurn, doing, work);
    }

    @Override
    public <T> T read(String doing, SqlWork<T> work) {
        return inTransaction(readTurn, doing, c -> {
            try (var s = c.createStatement()) {
                s.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
            }
            return work.run(c);
        });
    }

    private <T> T inTransaction(Semaphore turn, String doing, SqlWork<T> work) {
        if (closed.get()) {
            throw new StoreException("database " + location + " is closed; cannot " + doing);
        }
        try {
            if (!turn.tryAcquire(Math.max(1, busyTimeout.toMillis()), TimeUnit.MILLISECONDS)) {
                throw DatabaseException.environment("database " + location + ": other work of this process held every "
                        + "connection past store.busy-timeout; cannot " + doing);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while waiting for database " + location + " to " + doing, e);
        }
        try {
            return inTransaction(doing, work);
        } finally {
            turn.release();
        }
    }

    private <T> T inTransaction(String doing, SqlWork<T> work) {
        try (Connection c = pool.getConnection()) {
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException e) {
                RuntimeException failure = SqlFailure.translate(location, doing, e);
                rollback(c, failure);
                throw failure;
            } catch (RuntimeException | Error e) {
                rollback(c, e);
                throw e;
            }
        } catch (SQLException e) {
            throw SqlFailure.translate(location, doing, e);
        }
    }

    private static void rollback(Connection c, Throwable failure) {
        try {
            c.rollback();
        } catch (SQLException r) {
            failure.addSuppressed(r);
        }
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            RuntimeException failure = null;
            for (AdvisoryLock lock : List.copyOf(held)) {
                try {
                    lock.close();
                } catch (RuntimeException e) {
                    // its connection is gone, and the lock with it
                    failure = failure == null ? e : failure;
                }
            }
            pool.close();
            if (failure != null) {
                throw failure;
            }
        }
    }
}
