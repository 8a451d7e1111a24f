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
        try (Connection c = Database.connect(path, busyTimeout, Database.Access.READ_ONLY)) {
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
            return new DatabaseInfo.Present(path, version, migrations.latestVersion(), journalMode(c), size, tables);
        } catch (SQLException e) {
            throw SqlFailure.translate(path, "read it", e);
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
