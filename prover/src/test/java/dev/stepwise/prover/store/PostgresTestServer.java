package dev.stepwise.prover.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Assumptions;

/**
 * The real PostgreSQL server the PostgreSQL tests run on: {@code PG_TEST_URL} (or the system
 * property {@code pg.test.url}), by default {@code postgresql://postgres@127.0.0.1:5432/postgres},
 * the server of the project's machines (PostgreSQL 15, trust authentication). Each test makes a
 * database of its own there and drops it. Without a server the tests skip, saying how to run
 * them; with {@code CI_REQUIRE_PG} set (CI sets it) they fail instead, so CI never passes by skipping.
 */
public final class PostgresTestServer {
    /** The text every skip message starts with; the Makefile counts skips by it for its one-line note. */
    public static final String SKIPPED = "PostgreSQL tests skipped";
    private static final String DEFAULT_URL = "postgresql://postgres@127.0.0.1:5432/postgres";
    private static volatile String unavailable;
    private static volatile boolean probed;

    private PostgresTestServer() {
    }

    /** The administrative URL tests create their databases through. */
    public static String adminUrl() {
        String url = System.getProperty("pg.test.url");
        if (url == null || url.isBlank()) {
            url = System.getenv("PG_TEST_URL");
        }
        return url == null || url.isBlank() ? DEFAULT_URL : url;
    }

    /** Skips the calling test (or fails it under CI_REQUIRE_PG) unless the server answers. */
    public static void require() {
        String why = unavailable();
        if (why == null) {
            return;
        }
        if (System.getenv("CI_REQUIRE_PG") != null) {
            throw new AssertionError("PostgreSQL at " + adminUrl() + " is not usable (" + why
                    + "); CI_REQUIRE_PG is set: the PostgreSQL tests must run");
        }
        Assumptions.abort(SKIPPED + ": no server at " + adminUrl() + " (" + why
                + "); start one, or set PG_TEST_URL=postgresql://user@host:port/database, to run them");
    }

    /** Whether the server answers (a test that adapts to its absence rather than skipping asks this). */
    public static boolean available() {
        return unavailable() == null;
    }

    private static synchronized String unavailable() {
        if (!probed) {
            try (Connection c = admin(); Statement s = c.createStatement()) {
                s.execute("SELECT 1");
                unavailable = null;
            } catch (SQLException | RuntimeException e) {
                unavailable = String.valueOf(e.getMessage()).lines().findFirst().orElse("no answer");
            }
            probed = true;
        }
        return unavailable;
    }

    private static Connection admin() throws SQLException {
        Properties props = new Properties();
        props.setProperty("connectTimeout", "3");
        String password = System.getenv("PGPASSWORD");
        if (password != null) {
            props.setProperty("password", password);
        }
        return DriverManager.getConnection(StoreLocation.postgres(adminUrl()).jdbcUrl(), props);
    }

    /** Makes a database with a name of its own; the caller drops it ({@link #drop}). */
    public static StoreLocation.Postgres createDatabase() {
        require();
        String name = "stepwise_test_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
        try (Connection c = admin()) {
            c.setAutoCommit(true);
            try (Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE " + name);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the test database " + name + ": " + e.getMessage(), e);
        }
        return locationOf(name);
    }

    /** The URL of database {@code name} on the test server, as the admin URL names the server and user. */
    public static StoreLocation.Postgres locationOf(String name) {
        Matcher m = StoreLocation.POSTGRES_URL.matcher(adminUrl());
        if (!m.matches()) {
            throw new IllegalStateException("PG_TEST_URL is not a PostgreSQL URL: " + StoreLocation.redact(adminUrl()));
        }
        String user = m.group(1) == null ? "" : m.group(1) + "@";
        return StoreLocation.postgres("postgresql://" + user + m.group(2) + "/" + name);
    }

    /** Drops a database a test made, ending any connection still on it. */
    public static void drop(StoreLocation.Postgres location) {
        if (location == null) {
            return; // the test skipped before it made one
        }
        String name = location.jdbcUrl().replaceFirst("^jdbc:postgresql://[^/]*/", "").replaceFirst("\\?.*$", "");
        try (Connection c = admin()) {
            c.setAutoCommit(true);
            try (Statement s = c.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop the test database " + name + ": " + e.getMessage(), e);
        }
    }
}
