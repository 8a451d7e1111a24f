package dev.stepwise.prover.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;

/**
 * A database of its own that a job (a benchmark) makes on a PostgreSQL server and drops when it
 * ends, through an administrative URL of that server (a user allowed to create databases). The
 * password comes from {@code PGPASSWORD}, else pgjdbc reads a {@code .pgpass} file, as for a store.
 */
public final class PostgresScratch implements AutoCloseable {
    private final StoreLocation.Postgres admin;
    private final Map<String, String> env;
    private final String name;
    private final StoreLocation.Postgres location;

    private PostgresScratch(StoreLocation.Postgres admin, Map<String, String> env, String name, StoreLocation.Postgres location) {
        this.admin = admin;
        this.env = env;
        this.name = name;
        this.location = location;
    }

    /**
     * Why the server at {@code adminUrl} cannot be used, in one line, or empty when it answers.
     *
     * @throws DatabaseException (usage) when {@code adminUrl} is not a PostgreSQL URL
     */
    public static Optional<String> unreachable(String adminUrl, Map<String, String> env) {
        StoreLocation.Postgres admin = StoreLocation.postgres(adminUrl);
        try (Connection c = connect(admin, env); Statement s = c.createStatement()) {
            s.execute("SELECT 1");
            return Optional.empty();
        } catch (SQLException e) {
            return Optional.of(String.valueOf(e.getMessage()).lines().findFirst().orElse("no answer"));
        }
    }

    /** Makes a database named {@code prefix} and a random suffix on the server of {@code adminUrl}. */
    public static PostgresScratch create(String adminUrl, String prefix, Map<String, String> env) {
        StoreLocation.Postgres admin = StoreLocation.postgres(adminUrl);
        String name = prefix + "_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
        try (Connection c = connect(admin, env); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new StoreException("cannot create database " + name + " on " + admin + ": " + e.getMessage(), e);
        }
        // The same server and user as the administrative URL, this database.
        Matcher m = StoreLocation.POSTGRES_URL.matcher(admin.describe());
        if (!m.matches()) {
            throw new IllegalStateException("not a PostgreSQL URL: " + admin);
        }
        String user = m.group(1) == null || m.group(1).isEmpty() ? "" : m.group(1) + "@";
        return new PostgresScratch(admin, Map.copyOf(env), name,
                StoreLocation.postgres("postgresql://" + user + m.group(2) + "/" + name));
    }

    public StoreLocation.Postgres location() {
        return location;
    }

    /** Drops the database, ending any connection still on it (PostgreSQL 13+: {@code WITH (FORCE)}). */
    @Override
    public void close() {
        try (Connection c = connect(admin, env); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (SQLException e) {
            throw new StoreException("cannot drop database " + name + " on " + admin + ": " + e.getMessage(), e);
        }
    }

    private static Connection connect(StoreLocation.Postgres admin, Map<String, String> env) throws SQLException {
        Properties props = new Properties();
        // pgjdbc's connectTimeout is in seconds: a server that is not there is told in a few.
        props.setProperty("connectTimeout", "3");
        String password = env.get("PGPASSWORD");
        if (password != null && !password.isEmpty()) {
            props.setProperty("password", password);
        }
        Connection c = DriverManager.getConnection(admin.jdbcUrl(), props);
        // CREATE and DROP DATABASE cannot run inside a transaction block.
        c.setAutoCommit(true);
        return c;
    }
}
