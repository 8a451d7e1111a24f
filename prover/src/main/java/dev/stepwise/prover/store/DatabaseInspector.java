package dev.stepwise.prover.store;

import dev.stepwise.prover.store.schema.Migrations;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Looks at a database without changing it: no migration, read-only connection. A database of an
 * older or newer schema is described, not upgraded or refused; a file that is not a Stepwise
 * database is an error.
 */
public final class DatabaseInspector {
    private final Migrations migrations;
    private final Duration busyTimeout;

    public DatabaseInspector(Migrations migrations, Duration busyTimeout) {
        this.migrations = migrations;
        this.busyTimeout = busyTimeout;
    }

    /**
     * Looks at the store at {@code location}; a PostgreSQL database must exist (the server says
     * so in one line when it does not).
     *
     * @param env the environment, for {@code PGPASSWORD}
     */
    public DatabaseInfo inspect(StoreLocation location, Map<String, String> env) {
        return switch (location) {
            case StoreLocation.SqliteFile f -> inspect(f.path());
            case StoreLocation.Postgres pg -> inspect(pg, env);
        };
    }

    private DatabaseInfo inspect(StoreLocation.Postgres location, Map<String, String> env) {
        try (Connection c = PostgresDatabase.connectOnce(location, env)) {
            c.setReadOnly(true);
            int version = version(c, location);
            List<DatabaseInfo.TableCount> tables = new ArrayList<>();
            for (String table : SchemaMigrator.userTables(c)) {
                tables.add(new DatabaseInfo.TableCount(table, count(c, table)));
            }
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT pg_database_size(current_database()), current_setting('server_version')")) {
                rs.next();
                return new DatabaseInfo.Present(location, version, migrations.latestVersion(), "PostgreSQL " + rs.getString(2),
                        rs.getLong(1), tables);
            }
        } catch (SQLException e) {
            throw SqlFailure.translate(location, "read it", e);
        }
    }

    private static int version(Connection c, StoreLocation location) throws SQLException {
        if (SchemaMigrator.hasVersionTable(c)) {
            return SchemaMigrator.applied(c).size();
        }
        if (SchemaMigrator.userTables(c).isEmpty()) {
            return 0;
        }
        throw DatabaseException.input(location + " is a database but not a Stepwise one (it has tables "
                + String.join(", ", SchemaMigrator.userTables(c)) + " and no schema_version table)");
    }

    public DatabaseInfo inspect(Path path) {
        if (!Files.exists(path)) {
            return new DatabaseInfo.Missing(path);
        }
        DatabaseFile.requireSqlite(path);
        long size;
        try {
            size = Files.size(path);
        } catch (IOException e) {
            throw DatabaseException.environment("cannot read database " + path + ": " + e, e);
        }
        try (Connection c = SqliteDatabase.connect(path, busyTimeout, SqliteDatabase.Access.READ_ONLY)) {
            int version;
            if (SchemaMigrator.hasVersionTable(c)) {
                version = SchemaMigrator.applied(c).size();
            } else if (SchemaMigrator.userTables(c).isEmpty()) {
                version = 0;
            } else {
                throw DatabaseException.input(path + " is an SQLite database but not a Stepwise one (it has tables "
                        + String.join(", ", SchemaMigrator.userTables(c)) + " and no schema_version table)");
            }
            List<DatabaseInfo.TableCount> tables = new ArrayList<>();
            for (String table : SchemaMigrator.userTables(c)) {
                tables.add(new DatabaseInfo.TableCount(table, count(c, table)));
            }
            return new DatabaseInfo.Present(new StoreLocation.SqliteFile(path), version, migrations.latestVersion(),
                    "journal mode " + journalMode(c), size, tables);
        } catch (SQLException e) {
            throw SqlFailure.translate(new StoreLocation.SqliteFile(path), "read it", e);
        }
    }

    private static long count(Connection c, String table) throws SQLException {
        // the name comes from sqlite_master; quoting keeps any name a single identifier
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM \"" + table.replace("\"", "\"\"") + "\"")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String journalMode(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA journal_mode")) {
            rs.next();
            return rs.getString(1);
        }
    }
}
