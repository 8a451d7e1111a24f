package dev.stepwise.prover.store;

import dev.stepwise.prover.VersionInfo;
import dev.stepwise.prover.store.schema.Migrations;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Objects;

/**
 * The Stepwise database: one SQLite file in WAL mode with foreign keys on, brought to the latest
 * schema when opened. Each table group has its repository; every method is one transaction,
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

    private Store(Database db, int schemaVersion) {
        this.db = db;
        this.schemaVersion = schemaVersion;
        this.runs = new RunRepository(db);
        this.problems = new RunProblemRepository(db);
        this.attempts = new AttemptRepository(db);
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
        SchemaMigrator migrator = new SchemaMigrator(path, migrations, clock, VersionInfo.load().version());
        Database db = Database.open(path, busyTimeout, READERS, migrator::migrate);
        try {
            return new Store(db, db.read("read the schema version", c -> SchemaMigrator.applied(c).size()));
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    public Path path() {
        return db.path();
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
