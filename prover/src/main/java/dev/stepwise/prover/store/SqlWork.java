package dev.stepwise.prover.store;

import java.sql.Connection;
import java.sql.SQLException;

/** Work done with a connection inside one transaction, on the thread that owns the connection. */
@FunctionalInterface
public interface SqlWork<T> {
    T run(Connection connection) throws SQLException;
}
