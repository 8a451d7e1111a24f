package dev.stepwise.prover.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepwise.prover.exit.ExitCode;
import dev.stepwise.prover.store.schema.Migration;
import dev.stepwise.prover.store.schema.Migrations;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchemaMigrationTest {
    private static final Duration BUSY = Duration.ofSeconds(5);
    private static final InstantSource CLOCK = InstantSource.fixed(Samples.T0);
    private static final Migration V2 = new Migration(2, "run notes",
            "ALTER TABLE runs ADD COLUMN note TEXT;\nCREATE INDEX runs_by_note ON runs (note);");

    @TempDir
    Path dir;

    private static Migration v1() {
        return Migrations.standard().steps().get(0);
    }

    @Test
    void createsTheWholeSchemaInAnEmptyDirectoryAndRecordsIt() throws Exception {
        Path db = dir.resolve("nested/dir/stepwise.db");
        try (Store store = Store.open(db, BUSY, Migrations.standard(), CLOCK)) {
            assertEquals(11, store.schemaVersion());
        }
        assertEquals(List.of("attempts", "conjectures", "goals", "proofs", "round_stages", "rounds", "run_problems", "runs",
                "schema_version", "sketch_holes", "step_thoughts", "training_examples", "tree_edges", "tree_nodes"), query(db,
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"));
        assertEquals(List.of("1|initial|" + v1().checksum() + "|" + Samples.T0.toEpochMilli(),
                "2|promotion evidence|" + Migrations.standard().steps().get(1).checksum() + "|" + Samples.T0.toEpochMilli(),
                "3|statement error|" + Migrations.standard().steps().get(2).checksum() + "|" + Samples.T0.toEpochMilli(),
                "4|edge thought|" + Migrations.standard().steps().get(3).checksum() + "|" + Samples.T0.toEpochMilli(),
                "5|thoughts stage|" + Migrations.standard().steps().get(4).checksum() + "|" + Samples.T0.toEpochMilli(),
                "6|problem leases|" + Migrations.standard().steps().get(5).checksum() + "|" + Samples.T0.toEpochMilli(),
                "7|attempt mode|" + Migrations.standard().steps().get(6).checksum() + "|" + Samples.T0.toEpochMilli(),
                "8|attempt revisions|" + Migrations.standard().steps().get(7).checksum() + "|" + Samples.T0.toEpochMilli(),
                "9|conjectures|" + Migrations.standard().steps().get(8).checksum() + "|" + Samples.T0.toEpochMilli(),
                "10|edge feedback|" + Migrations.standard().steps().get(9).checksum() + "|" + Samples.T0.toEpochMilli(),
                "11|sketch holes|" + Migrations.standard().steps().get(10).checksum() + "|" + Samples.T0.toEpochMilli()),
                query(db, "SELECT version || '|' || name || '|' || checksum || '|' || applied_at FROM schema_version"));
        assertEquals(List.of("wal"), query(db, "PRAGMA journal_mode"));
    }

    @Test
    void reopeningACurrentDatabaseAppliesNothing() throws Exception {
        Path db = dir.resolve("s.db");
        Store.open(db, BUSY, Migrations.standard(), CLOCK).close();
        Store.open(db, BUSY, Migrations.standard(), CLOCK).close();
        assertEquals(List.of(Integer.toString(Migrations.standard().latestVersion())),
                query(db, "SELECT count(*) FROM schema_version"));
    }

    @Test
    void upgradesAnOlderDatabaseKeepingItsRows() throws Exception {
        Path db = dir.resolve("s.db");
        try (Store store = Store.open(db, BUSY, Migrations.of(List.of(v1())), CLOCK)) {
            store.runs().create(Samples.run("before-upgrade"));
        }
        try (Store store = Store.open(db, BUSY, Migrations.of(List.of(v1(), V2)), CLOCK)) {
            assertEquals(2, store.schemaVersion());
            assertEquals("before-upgrade", store.runs().findByName("before-upgrade").orElseThrow().name());
        }
        assertEquals(List.of("1 initial", "2 run notes"), query(db, "SELECT version || ' ' || name FROM schema_version ORDER BY version"));
        assertEquals(List.of("before-upgrade|"), query(db, "SELECT name || '|' || coalesce(note, '') FROM runs"));
    }

    @Test
    void refusesADatabaseNewerThanThisBuild() {
        Path db = dir.resolve("s.db");
        Store.open(db, BUSY, Migrations.of(List.of(v1(), V2)), CLOCK).close();
        DatabaseException e = assertThrows(DatabaseException.class, () -> Store.open(db, BUSY, Migrations.of(List.of(v1())), CLOCK));
        assertEquals(ExitCode.ENVIRONMENT, e.exitCode());
        assertEquals("database " + db + " has schema version 2, this stepwise understands up to 1; upgrade stepwise",
                e.getMessage());
    }

    @Test
    void refusesADatabaseWhoseHistoryDiffersFromThisBuild() {
        Path db = dir.resolve("s.db");
        Migration other = new Migration(1, "initial", "CREATE TABLE runs (id INTEGER PRIMARY KEY);");
        Store.open(db, BUSY, Migrations.of(List.of(other)), CLOCK).close();
        DatabaseException e = assertThrows(DatabaseException.class, () -> Store.open(db, BUSY, Migrations.standard(), CLOCK));
        assertEquals(ExitCode.ENVIRONMENT, e.exitCode());
        assertEquals("database " + db + " was made by a different build of stepwise: its schema step 1 (initial) has checksum "
                + other.checksum().substring(0, 12) + "…, this stepwise's has " + v1().checksum().substring(0, 12)
                + "…; use the stepwise that made it, or another database (--db)", e.getMessage());
    }

    @Test
    void aFailingMigrationLeavesTheDatabaseAtItsOldVersion() throws Exception {
        Path db = dir.resolve("s.db");
        Store.open(db, BUSY, Migrations.of(List.of(v1())), CLOCK).close();
        Migration broken = new Migration(2, "broken", "ALTER TABLE runs ADD COLUMN note TEXT;\nCREATE TABLE runs (x);");
        StoreException e = assertThrows(StoreException.class,
                () -> Store.open(db, BUSY, Migrations.of(List.of(v1(), broken)), CLOCK));
        assertEquals("database " + db + ": schema step 2 (broken) failed: table runs already exists", e.getMessage());
        assertEquals(List.of("1"), query(db, "SELECT max(version) FROM schema_version"));
        assertEquals(List.of("0"), query(db, "SELECT count(*) FROM pragma_table_info('runs') WHERE name = 'note'"));
    }

    @Test
    void aFileThatIsNotSqliteIsRefusedAndLeftUntouched() throws Exception {
        Path db = dir.resolve("notes.txt");
        String text = "these are my notes, not a database; long enough to look like a file header ...........";
        Files.writeString(db, text);
        DatabaseException e = assertThrows(DatabaseException.class, () -> Store.open(db, BUSY));
        assertEquals(ExitCode.USAGE, e.exitCode());
        assertEquals(db + " is not a Stepwise database (not an SQLite file)", e.getMessage());
        assertEquals(text, Files.readString(db));
        assertEquals(List.of(db.getFileName()), listDir());
    }

    @Test
    void anotherApplicationsSqliteDatabaseIsRefused() throws Exception {
        Path db = dir.resolve("other.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
            s.executeUpdate("CREATE TABLE customers (id INTEGER PRIMARY KEY); CREATE TABLE orders (id INTEGER PRIMARY KEY)");
        }
        DatabaseException e = assertThrows(DatabaseException.class, () -> Store.open(db, BUSY));
        assertEquals(ExitCode.USAGE, e.exitCode());
        assertEquals(db + " is an SQLite database but not a Stepwise one (it has tables customers, orders and no "
                + "schema_version table)", e.getMessage());
        assertEquals(List.of("customers", "orders"), query(db,
                "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"));
    }

    @Test
    void aDamagedDatabaseIsOneClearError() throws Exception {
        Path db = dir.resolve("s.db");
        try (Store store = Store.open(db, BUSY)) {
            store.runs().create(Samples.run("r"));
        }
        // keep SQLite's 100-byte header, overwrite the rest of the first page (the schema)
        try (RandomAccessFile f = new RandomAccessFile(db.toFile(), "rw")) {
            f.seek(100);
            byte[] junk = new byte[3000];
            java.util.Arrays.fill(junk, (byte) 0x5A);
            f.write(junk);
        }
        DatabaseException e = assertThrows(DatabaseException.class, () -> Store.open(db, BUSY));
        assertEquals(ExitCode.USAGE, e.exitCode());
        assertTrue(e.getMessage().startsWith("database " + db + " is damaged ("), e.getMessage());
        assertTrue(e.getMessage().endsWith("); restore it from a backup or move it aside to start a new one"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
    }

    @Test
    void aDatabaseWhoseDirectoryCannotBeMadeIsAnEnvironmentError() throws Exception {
        Path blocker = dir.resolve("runs");
        Files.writeString(blocker, "a file where the directory should be");
        Path db = blocker.resolve("stepwise.db");
        DatabaseException e = assertThrows(DatabaseException.class, () -> Store.open(db, BUSY));
        assertEquals(ExitCode.ENVIRONMENT, e.exitCode());
        assertEquals("cannot create directory " + blocker + " for the database " + db
                + " (FileAlreadyExistsException: " + blocker + ")", e.getMessage());
    }

    @Test
    void migrationSetsMustBeNumberedWithoutGaps() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Migrations.of(List.of(v1(), new Migration(3, "three", "SELECT 1;"))));
        assertEquals("migration versions must be 1, 2, … without gaps; position 2 has version 3", e.getMessage());
    }

    @Test
    void checksumsIgnoreLineEndings() {
        assertEquals(new Migration(1, "a", "CREATE TABLE t (x);\nCREATE TABLE u (y);").checksum(),
                new Migration(1, "a", "CREATE TABLE t (x);\r\nCREATE TABLE u (y);").checksum());
        assertNotEquals(new Migration(1, "a", "CREATE TABLE t (x);").checksum(),
                new Migration(1, "a", "CREATE TABLE t (y);").checksum());
    }

    private List<Path> listDir() throws Exception {
        try (var s = Files.list(dir)) {
            return s.map(Path::getFileName).toList();
        }
    }

    static List<String> query(Path db, String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
        }
        return rows;
    }
}
