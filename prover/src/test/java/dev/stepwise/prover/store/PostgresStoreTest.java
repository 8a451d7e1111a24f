package dev.stepwise.prover.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepwise.prover.exit.ExitCode;
import dev.stepwise.prover.store.schema.Migration;
import dev.stepwise.prover.store.schema.Migrations;
import dev.stepwise.prover.store.schema.SqlDialect;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The store on the real PostgreSQL server: the schema's PostgreSQL texts, the migrator's refusals,
 * the errors a user can fix, and the locks runs take.
 */
class PostgresStoreTest extends PostgresDatabaseTestCase {
    private static final InstantSource CLOCK = java.time.Clock.fixed(Instant.parse("2026-12-01T00:00:00Z"), ZoneOffset.UTC);
    private static final Duration BUSY = Duration.ofSeconds(5);

    private Store open(Migrations migrations) {
        return Store.open(db, BUSY, Map.of(), migrations, CLOCK);
    }

    @Test
    void everyStepOfTheSchemaHasAPostgresTextWithTheSameVersionAndName() {
        List<Migration> sqlite = Migrations.standard(SqlDialect.SQLITE).steps();
        List<Migration> postgres = Migrations.standard(SqlDialect.POSTGRESQL).steps();
        assertEquals(sqlite.stream().map(m -> m.version() + " " + m.name()).toList(),
                postgres.stream().map(m -> m.version() + " " + m.name()).toList());
    }

    @Test
    void bothDatabasesGetTheSameTablesAndColumns() {
        List<String> onPostgres;
        try (Store store = open(Migrations.standard(SqlDialect.POSTGRESQL))) {
            assertEquals(Migrations.standard().latestVersion(), store.schemaVersion());
            onPostgres = columns(store, "SELECT table_name || '.' || column_name FROM information_schema.columns "
                    + "WHERE table_schema = current_schema()");
        }
        List<String> onSqlite;
        try (Store store = Store.open(dir.resolve("s.db"), BUSY)) {
            onSqlite = columns(store, "SELECT m.name || '.' || p.name FROM sqlite_master m, pragma_table_info(m.name) p "
                    + "WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite%'");
        }
        assertEquals(onSqlite, onPostgres);
        assertTrue(onPostgres.contains("runs.config_json"), onPostgres.toString());
    }

    private static List<String> columns(Store store, String sql) {
        return store.database().read("list columns", c -> {
            List<String> out = new ArrayList<>();
            try (Statement s = c.createStatement(); var rs = s.executeQuery(sql)) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out.stream().sorted().toList();
        });
    }

    @Test
    void processesOpeningANewDatabaseTogetherMigrateItOnce() throws Exception {
        List<Future<Integer>> opened = new ArrayList<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(4)) {
            for (int i = 0; i < 4; i++) {
                opened.add(threads.submit(() -> {
                    try (Store store = Store.open(db, BUSY, Map.of())) {
                        return store.schemaVersion();
                    }
                }));
            }
            for (Future<Integer> f : opened) {
                assertEquals(Migrations.standard().latestVersion(), f.get());
            }
        }
        try (Store store = Store.open(db, BUSY, Map.of())) {
            assertEquals(List.of(String.valueOf(Migrations.standard().latestVersion())),
                    SearchRecordsTest.query(store, "SELECT CAST(count(*) AS TEXT) FROM schema_version"));
        }
    }

    @Test
    void refusesADatabaseNewerThanThisBuild() {
        List<Migration> steps = Migrations.standard(SqlDialect.POSTGRESQL).steps();
        open(Migrations.of(steps)).close();
        DatabaseException e = assertThrows(DatabaseException.class, () -> open(Migrations.of(steps.subList(0, 1))));
        assertEquals(ExitCode.ENVIRONMENT, e.exitCode());
        assertEquals("database " + db + " has schema version " + steps.size()
                + ", this stepwise understands up to 1; upgrade stepwise", e.getMessage());
    }

    @Test
    void refusesADatabaseWhoseHistoryDiffersFromThisBuild() {
        Migration other = new Migration(1, "initial", "CREATE TABLE runs (id BIGINT PRIMARY KEY);");
        open(Migrations.of(List.of(other))).close();
        Migration ours = Migrations.standard(SqlDialect.POSTGRESQL).steps().getFirst();
        DatabaseException e = assertThrows(DatabaseException.class, () -> Store.open(db, BUSY, Map.of()));
        assertEquals(ExitCode.ENVIRONMENT, e.exitCode());
        assertEquals("database " + db + " was made by a different build of stepwise: its schema step 1 (initial) has checksum "
                + other.checksum().substring(0, 12) + "…, this stepwise's has " + ours.checksum().substring(0, 12)
                + "…; use the stepwise that made it, or another database (--db)", e.getMessage());
    }

    @Test
    void aFailingStepLeavesTheDatabaseAtItsOldVersion() {
        Migration v1 = Migrations.standard(SqlDialect.POSTGRESQL).steps().getFirst();
        open(Migrations.of(List.of(v1))).close();
        Migration broken = new Migration(2, "broken", "ALTER TABLE runs ADD COLUMN note TEXT;\nCREATE TABLE runs (x BIGINT);");
        StoreException e = assertThrows(StoreException.class, () -> open(Migrations.of(List.of(v1, broken))));
        assertEquals("database " + db + ": schema step 2 (broken) failed: ERROR: relation \"runs\" already exists", e.getMessage());
        try (Store store = open(Migrations.of(List.of(v1)))) {
            assertEquals(List.of("1"), SearchRecordsTest.query(store, "SELECT CAST(max(version) AS TEXT) FROM schema_version"));
            assertEquals(List.of("0"), SearchRecordsTest.query(store, "SELECT CAST(count(*) AS TEXT) FROM information_schema.columns "
                    + "WHERE table_name = 'runs' AND column_name = 'note'"));
        }
    }

    @Test
    void anotherApplicationsDatabaseIsRefusedAndLeftUntouched() {
        Migration theirs = new Migration(1, "theirs", "CREATE TABLE customers (id BIGINT PRIMARY KEY)");
        // made through a store with no history table of ours: drop it afterwards to leave only theirs
        try (Store store = open(Migrations.of(List.of(theirs)))) {
            store.database().write("forget our history", c -> {
                try (Statement s = c.createStatement()) {
                    return s.executeUpdate("DROP TABLE schema_version");
                }
            });
        }
        DatabaseException e = assertThrows(DatabaseException.class, () -> Store.open(db, BUSY, Map.of()));
        assertEquals(ExitCode.USAGE, e.exitCode());
        assertEquals(db + " is a PostgreSQL database but not a Stepwise one (it has tables customers and no schema_version table)",
                e.getMessage());
    }

    @Test
    void aDatabaseThatDoesNotExistIsNamedInOneLine() {
        StoreLocation.Postgres missing = PostgresTestServer.locationOf("stepwise_test_missing_" + ProcessHandle.current().pid());
        DatabaseException e = assertThrows(DatabaseException.class, () -> Store.open(missing, BUSY, Map.of()));
        assertEquals(ExitCode.ENVIRONMENT, e.exitCode());
        assertTrue(e.getMessage().startsWith("database " + missing + " does not exist on the server ("), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    void aServerOutOfReachIsNamedInOneLine() {
        // port 1 on the loopback: nothing listens there, the connection is refused at once
        StoreLocation.Postgres nowhere = StoreLocation.postgres("postgresql://stepwise@127.0.0.1:1/stepwise");
        DatabaseException e = assertThrows(DatabaseException.class, () -> Store.open(nowhere, BUSY, Map.of()));
        assertEquals(ExitCode.ENVIRONMENT, e.exitCode());
        assertTrue(e.getMessage().startsWith("database postgresql://stepwise@127.0.0.1:1/stepwise: cannot reach the server to "
                + "connect to it ("), e.getMessage());
    }

    @Test
    void aRunLockIsHeldAgainstOtherStoresAndGoesWhenItsStoreCloses() {
        try (Store a = Store.open(db, BUSY, Map.of()); Store b = Store.open(db, BUSY, Map.of())) {
            Optional<StoreLock> held = a.database().tryLock("run-1");
            assertTrue(held.isPresent());
            assertTrue(b.database().tryLock("run-1").isEmpty(), "a second store took a held lock");
            assertTrue(b.database().isLocked("run-1"));
            assertFalse(b.database().isLocked("run-2"));
            held.get().close();
            assertFalse(b.database().isLocked("run-1"));
            Optional<StoreLock> again = a.database().tryLock("run-1");
            assertTrue(again.isPresent());
            a.close();
            assertFalse(b.database().isLocked("run-1"));
        }
    }
}
