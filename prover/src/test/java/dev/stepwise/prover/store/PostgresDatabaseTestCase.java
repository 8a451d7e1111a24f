package dev.stepwise.prover.store;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * A test class whose every test gets a fresh database of its own on the real PostgreSQL server
 * ({@link PostgresTestServer}: skipped without one, failed under CI_REQUIRE_PG), dropped after the
 * test, and a temporary directory.
 */
public abstract class PostgresDatabaseTestCase {
    @TempDir
    protected Path dir;
    /** This test's database; null only when the test was skipped before it was made. */
    protected StoreLocation.Postgres db;

    @BeforeEach
    void createDatabase() {
        db = PostgresTestServer.createDatabase();
    }

    @AfterEach
    void dropDatabase() {
        PostgresTestServer.drop(db);
    }
}
