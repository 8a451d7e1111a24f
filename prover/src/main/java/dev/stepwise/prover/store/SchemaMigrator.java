package dev.stepwise.prover.store;

import dev.stepwise.prover.store.schema.Migration;
import dev.stepwise.prover.store.schema.Migrations;
import dev.stepwise.prover.store.schema.SqlDialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;

/**
 * Brings a database to the latest schema version when it is opened: records each applied step in
 * {@code schema_version} with its checksum, upgrades an older database, and refuses a newer one,
 * a foreign one, or one whose history disagrees with this build.
 */
final class SchemaMigrator {

    /** One row of {@code schema_version}. */
    record Applied(int version, String name, String checksum) {
    }

    private static final String VERSION_TABLE = """
            CREATE TABLE schema_version (
                version          INTEGER PRIMARY KEY,
                name             TEXT    NOT NULL,
                checksum         TEXT    NOT NULL,
                applied_at       INTEGER NOT NULL,
                stepwise_version TEXT    NOT NULL
            )""";

    private final StoreLocation db;
    private final Migrations migrations;
    private final InstantSource clock;
    private final String stepwiseVersion;

    SchemaMigrator(StoreLocation db, Migrations migrations, InstantSource clock, String stepwiseVersion) {
        this.db = db;
        this.migrations = migrations;
        this.clock = clock;
        this.stepwiseVersion = stepwiseVersion;
    }

    /**
     * Applies every missing step in one transaction, so two processes opening the same new
     * database migrate it once, and a process killed while migrating leaves the old version intact.
     * On SQLite this opens its own immediate transaction on the writer's connection; on PostgreSQL
     * it runs inside the caller's write transaction (DDL is transactional there, and the writers'
     * lock keeps a second process out until it commits).
     *
     * @return the schema version after migration
     */
    int migrate(Connection c) throws SQLException {
        SqlDialect dialect = SqlDialect.of(c);
        if (dialect == SqlDialect.POSTGRESQL) {
            return migrateInTransaction(c, dialect);
        }
        execute(c, "BEGIN IMMEDIATE");
        try {
            int version = migrateInTransaction(c, dialect);
            execute(c, "COMMIT");
            return version;
        } catch (SQLException | RuntimeException e) {
            rollback(c, e);
            throw e;
        }
    }

    private int migrateInTransaction(Connection c, SqlDialect dialect) throws SQLException {
        if (!hasVersionTable(c)) {
            List<String> tables = userTables(c);
            if (!tables.isEmpty()) {
                throw DatabaseException.input(db + " is " + (dialect == SqlDialect.SQLITE ? "an SQLite" : "a PostgreSQL")
                        + " database but not a Stepwise one (it has tables " + String.join(", ", tables)
                        + " and no schema_version table)");
            }
            execute(c, dialect == SqlDialect.SQLITE ? VERSION_TABLE : VERSION_TABLE.replace("INTEGER", "BIGINT "));
        }
        List<Applied> applied = applied(c);
        int current = checkHistory(applied);
        for (Migration m : migrations.steps().subList(current, migrations.latestVersion())) {
            apply(c, m);
        }
        return migrations.latestVersion();
    }

    /** @return the version of a database with this history, after checking it against our steps */
    int checkHistory(List<Applied> applied) {
        for (int i = 0; i < applied.size(); i++) {
            if (applied.get(i).version() != i + 1) {
                throw DatabaseException.input("database " + db + " has an inconsistent schema_version table (versions "
                        + applied.stream().map(a -> String.valueOf(a.version())).toList() + ")");
            }
        }
        int version = applied.size();
        if (version > migrations.latestVersion()) {
            throw DatabaseException.environment("database " + db + " has schema version " + version
                    + ", this stepwise understands up to " + migrations.latestVersion() + "; upgrade stepwise");
        }
        for (Applied a : applied) {
            Migration ours = migrations.steps().get(a.version() - 1);
            if (!ours.checksum().equals(a.checksum())) {
                throw DatabaseException.environment("database " + db + " was made by a different build of stepwise: its schema step "
                        + a.version() + " (" + a.name() + ") has checksum " + abbreviate(a.checksum())
                        + ", this stepwise's has " + abbreviate(ours.checksum())
                        + "; use the stepwise that made it, or another database (--db)");
            }
        }
        return version;
    }

    private void apply(Connection c, Migration m) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.executeUpdate(m.sql());
        } catch (SQLException e) {
            throw new StoreException("database " + db + ": schema step " + m.version() + " (" + m.name()
                    + ") failed: " + SqlFailure.nativeMessage(e), e);
        }
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO schema_version (version, name, checksum, applied_at, stepwise_version) VALUES (?, ?, ?, ?, ?)")) {
            ps.setInt(1, m.version());
            ps.setString(2, m.name());
            ps.setString(3, m.checksum());
            ps.setLong(4, clock.instant().toEpochMilli());
            ps.setString(5, stepwiseVersion);
            ps.executeUpdate();
        }
    }

    static boolean hasVersionTable(Connection c) throws SQLException {
        return userTables(c).contains("schema_version");
    }

    /**
     * Tables other than the engine's own, in name order: on PostgreSQL, those of the connection's
     * schema ({@code current_schema()}, {@code public} unless the URL's {@code currentSchema} says otherwise).
     */
    static List<String> userTables(Connection c) throws SQLException {
        List<String> names = new ArrayList<>();
        String sql = SqlDialect.of(c) == SqlDialect.SQLITE
                ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name"
                : "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() "
                        + "AND table_type = 'BASE TABLE' ORDER BY table_name COLLATE \"C\"";
        try (PreparedStatement ps = c.prepareStatement(sql);
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    static List<Applied> applied(Connection c) throws SQLException {
        List<Applied> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT version, name, checksum FROM schema_version ORDER BY version");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                rows.add(new Applied(rs.getInt(1), rs.getString(2), rs.getString(3)));
            }
        }
        return rows;
    }

    static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** Rolls back after {@code failure}; a failing rollback is attached to it rather than hiding it. */
    static void rollback(Connection c, Exception failure) {
        try {
            execute(c, "ROLLBACK");
        } catch (SQLException r) {
            failure.addSuppressed(r);
        }
    }

    private static String abbreviate(String checksum) {
        return checksum.length() > 12 ? checksum.substring(0, 12) + "…" : checksum;
    }
}
