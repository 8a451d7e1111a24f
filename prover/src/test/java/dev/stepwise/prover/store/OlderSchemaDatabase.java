package dev.stepwise.prover.store;

import dev.stepwise.prover.store.schema.Migrations;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.InstantSource;

/**
 * An SQLite file made at an earlier schema version, holding one completed simulated eval run (id 1)
 * with one problem (id 1): the migration tests add their old rows through {@link #connect()}, then
 * open it with the standard migrations ({@link #openMigrated()}) and read what the migration made
 * of them.
 */
record OlderSchemaDatabase(Path file) {
    private static final Duration BUSY = Duration.ofSeconds(5);
    private static final InstantSource CLOCK = InstantSource.fixed(Samples.T0);

    /** Makes {@code dir/v<version>.db} with the first {@code version} schema steps and the run and problem in it. */
    static OlderSchemaDatabase withOneProblem(Path dir, int version) throws SQLException {
        Path file = dir.resolve("v" + version + ".db");
        Store.open(file, BUSY, Migrations.of(Migrations.standard().steps().subList(0, version)), CLOCK).close();
        OlderSchemaDatabase db = new OlderSchemaDatabase(file);
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO runs (id, name, kind, dataset, config_json, config_hash, stepwise_version, lean_version,"
                    + " mathlib_version, model, seeds_json, simulated, status, started_at) VALUES (1, 'r', 'eval', 'd', '{}', 'h',"
                    + " 'v', 'l', 'm', 'model', '[]', 1, 'completed', 0)");
            s.executeUpdate("INSERT INTO run_problems (id, run_id, ordinal, name, split, header, formal_statement,"
                    + " informal_statement, source, status) VALUES (1, 1, 0, 'p', 'test', '', 'theorem p : True := by', '', 's',"
                    + " 'unproved')");
        }
        return db;
    }

    /** A plain JDBC connection, past the store, for writing old rows and trying constraints. */
    Connection connect() throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + file);
    }

    /** The store on this file with every standard schema step applied. */
    Store openMigrated() {
        return Store.open(file, BUSY, Migrations.standard(), CLOCK);
    }
}
