package dev.stepwise.prover.store;

import dev.stepwise.prover.VersionInfo;
import dev.stepwise.prover.store.schema.Migrations;
import dev.stepwise.prover.store.schema.SqlDialect;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Map;
import java.util.Objects;

/**
 * The Stepwise database: one SQLite file in WAL mode with foreign keys on (the default), or a
 * PostgreSQL database that workers on several machines share, brought to the latest schema when
 * opened; the same repositories serve both. Each table group has its repository; every method is one transaction,
 * safe to call from any thread (virtual threads included) and at any rate.
 */
public final class Store implements AutoCloseable {
    /** Reader connections: enough for reports and resumes to read while searches write. */
    private static final int READERS = 2;

    private final Database db;
    private final int schemaVersion;
    private final RunRepository runs;
    private final RunProblemRepository problems;
    private final AttemptRepository attempts;
    private final ProblemQueue queue;

    private Store(Database db, int schemaVersion) {
        this.db = db;
        this.schemaVersion = schemaVersion;
        this.runs = new RunRepository(db);
        this.problems = new RunProblemRepository(db);
        this.attempts = new AttemptRepository(db);
        this.queue = new ProblemQueue(db);
    }

    /**
     * Opens (creating it and its directory if needed) the database at {@code path} with the
     * standard schema.
     *
     * @param busyTimeout how long a write waits for another process holding the lock ({@code store.busy-timeout})
     */
    public static Store open(Path path, Duration busyTimeout) {
        return open(path, busyTimeout, Migrations.standard(), InstantSource.system());
    }

    /** Opens with a given set of migrations; tests use it to exercise upgrades. */
    public static Store open(Path path, Duration busyTimeout, Migrations migrations, InstantSource clock) {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(busyTimeout, "busyTimeout");
        Objects.requireNonNull(migrations, "migrations");
        DatabaseFile.prepareForOpen(path);
        SchemaMigrator migrator = new SchemaMigrator(new StoreLocation.SqliteFile(path), migrations, clock,
                VersionInfo.load().version());
        return opened(SqliteDatabase.open(path, busyTimeout, READERS, migrator::migrate));
    }

    /**
     * Opens the store at {@code location}: an SQLite file as {@link #open(Path, Duration)} does, or
     * a PostgreSQL database, which must exist (its tables are made on first use).
     *
     * @param env the environment, for {@code PGPASSWORD}
     */
    public static Store open(StoreLocation location, Duration busyTimeout, Map<String, String> env) {
        return switch (location) {
            case StoreLocation.SqliteFile f -> open(f.path(), busyTimeout);
            case StoreLocation.Postgres pg -> open(pg, busyTimeout, env, Migrations.standard(SqlDialect.POSTGRESQL),
                    InstantSource.system());
        };
    }

    /** Opens a PostgreSQL store with a given set of migrations (in its dialect); tests use it. */
    public static Store open(StoreLocation.Postgres location, Duration busyTimeout, Map<String, String> env,
            Migrations migrations, InstantSource clock) {
        Objects.requireNonNull(busyTimeout, "busyTimeout");
        SchemaMigrator migrator = new SchemaMigrator(location, migrations, clock, VersionInfo.load().version());
        return opened(PostgresDatabase.open(location, busyTimeout, env, migrator::migrate));
    }

    private static Store opened(Database db) {
        try {
            return new Store(db, db.read("read the schema version", c -> SchemaMigrator.applied(c).size()));
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    /** Where the store lives; its text names it in messages (no password: none is ever in it). */
    public StoreLocation location() {
        return db.location();
    }

    public int schemaVersion() {
        return schemaVersion;
    }

    public RunRepository runs() {
        return runs;
    }

    public RunProblemRepository problems() {
        return problems;
    }

    public AttemptRepository attempts() {
        return attempts;
    }

    /** The problems of a run shared by several workers, handed out as leases. */
    public ProblemQueue queue() {
        return queue;
    }

    /**
     * The connections, for the repositories that other packages keep in this file: the
     * expert-iteration rounds and their training examples ({@code dev.stepwise.prover.rounds}),
     * which this package must not know.
     */
    public Database database() {
        return db;
    }

    /** Waits for queued work, then closes every connection. Idempotent. */
    @Override
    public void close() {
        db.close();
    }
}
