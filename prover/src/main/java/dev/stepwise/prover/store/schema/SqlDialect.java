package dev.stepwise.prover.store.schema;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * The two databases a store can live in. The schema is one schema; where the two engines' SQL
 * differs (types, identity keys, altering a CHECK), a step has a PostgreSQL text of its own
 * under {@code postgresql/}, and otherwise both run the same file.
 */
public enum SqlDialect {
    /** The embedded default: one file, one machine. */
    SQLITE(""),
    /** A server that workers on several hosts share. */
    POSTGRESQL("postgresql/");

    private final String resourcePrefix;

    SqlDialect(String resourcePrefix) {
        this.resourcePrefix = resourcePrefix;
    }

    /** Where this dialect's own migration texts lie, relative to the common ones. */
    String resourcePrefix() {
        return resourcePrefix;
    }

    /** The dialect of an open connection (a pooled connection unwraps to the driver's). */
    public static SqlDialect of(Connection c) throws SQLException {
        return c.isWrapperFor(org.postgresql.PGConnection.class) ? POSTGRESQL : SQLITE;
    }
}
