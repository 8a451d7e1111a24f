package dev.stepwise.prover.store;

import dev.stepwise.prover.store.schema.SqlDialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Copies every row of one store into another, empty one, keeping every id: an SQLite file into
 * PostgreSQL when a run outgrows one machine, and back. Both stores are at this build's schema
 * version (opening them migrated them); each keeps its own {@code schema_version} history, whose
 * checksums are its dialect's. The source is read in one snapshot and the target written in one
 * transaction, so a copy that fails leaves the target as empty as it was.
 */
public final class StoreCopy {
    /** Every table of the schema, parents before children, so each foreign key finds its row. */
    static final List<String> TABLES = List.of("rounds", "round_stages", "runs", "run_problems", "attempts", "goals",
            "tree_nodes", "tree_edges", "proofs", "training_examples", "step_thoughts", "conjectures", "sketch_holes");
    /** The tables whose id the database draws: after copying, their sequences start past the copied ids. */
    private static final List<String> DRAWN_IDS = List.of("rounds", "runs", "run_problems", "attempts", "goals", "proofs",
            "training_examples");
    private static final int BATCH = 500;

    private StoreCopy() {
    }

    /**
     * @return the rows copied, by table, in copy order
     * @throws DatabaseException (usage) when the target holds rows already, or both are the same store
     */
    public static Map<String, Long> copy(Store from, Store to) {
        if (from.location().equals(to.location())) {
            throw DatabaseException.input("db copy: " + from.location() + " is both the source and the target");
        }
        Database source = from.database();
        Database target = to.database();
        return target.write("copy " + from.location() + " into it", out -> {
            requireKnownTables(out, to.location());
            for (String table : TABLES) {
                long rows = count(out, table);
                if (rows > 0) {
                    throw DatabaseException.input("db copy: " + to.location() + " already holds rows (" + table + ": " + rows
                            + "); copy into a store that is empty");
                }
            }
            return source.read("copy it into " + to.location(), in -> {
                requireKnownTables(in, from.location());
                Map<String, Long> copied = new LinkedHashMap<>();
                for (String table : TABLES) {
                    copied.put(table, copyTable(in, out, table));
                }
                if (SqlDialect.of(out) == SqlDialect.POSTGRESQL) {
                    advanceSequences(out);
                }
                return copied;
            });
        });
    }

    /** A table this class does not know (a later schema step's) would be left behind: refuse instead. */
    private static void requireKnownTables(Connection c, StoreLocation where) throws SQLException {
        List<String> tables = new ArrayList<>(SchemaMigrator.userTables(c));
        tables.remove("schema_version");
        if (!tables.stream().sorted().toList().equals(TABLES.stream().sorted().toList())) {
            throw new StoreException("db copy knows the tables " + TABLES.stream().sorted().toList() + ", but " + where
                    + " has " + tables.stream().sorted().toList() + "; teach StoreCopy the new ones");
        }
    }

    private static long count(Connection c, String table) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static long copyTable(Connection in, Connection out, String table) throws SQLException {
        long rows = 0;
        try (PreparedStatement select = in.prepareStatement("SELECT * FROM " + table)) {
            // PostgreSQL streams a big table through a cursor in the read transaction instead of holding it all
            select.setFetchSize(BATCH);
            try (ResultSet rs = select.executeQuery()) {
                ResultSetMetaData meta = rs.getMetaData();
                int n = meta.getColumnCount();
                List<String> columns = new ArrayList<>();
                for (int i = 1; i <= n; i++) {
                    columns.add(meta.getColumnName(i));
                }
                String insert = "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES ("
                        + String.join(", ", java.util.Collections.nCopies(n, "?")) + ")";
                try (PreparedStatement ps = out.prepareStatement(insert)) {
                    while (rs.next()) {
                        for (int i = 1; i <= n; i++) {
                            ps.setObject(i, rs.getObject(i));
                        }
                        ps.addBatch();
                        if (++rows % BATCH == 0) {
                            ps.executeBatch();
                        }
                    }
                    ps.executeBatch();
                }
            }
        }
        return rows;
    }

    /** Copied ids were given, not drawn: move each identity sequence past the largest. */
    private static void advanceSequences(Connection out) throws SQLException {
        for (String table : DRAWN_IDS) {
            try (Statement s = out.createStatement()) {
                s.execute("SELECT setval(pg_get_serial_sequence('" + table + "', 'id'), coalesce(max(id), 0) + 1, false) FROM "
                        + table);
            }
        }
    }
}
