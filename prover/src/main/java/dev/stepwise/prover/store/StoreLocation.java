package dev.stepwise.prover.store;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a store lives: an SQLite file on this machine (the default) or a PostgreSQL database
 * that workers on several machines share. Its text form is what messages print: a file's path,
 * or the URL without anything secret (a URL with a password is refused when parsed, so none can
 * reach a message, a log, a process list or a run's stored configuration).
 */
public sealed interface StoreLocation {

    /** What messages name the store by. */
    String describe();

    /** An SQLite database file. */
    record SqliteFile(Path path) implements StoreLocation {
        public SqliteFile {
            Objects.requireNonNull(path, "path");
        }

        @Override
        public String describe() {
            return path.toString();
        }

        @Override
        public String toString() {
            return describe();
        }
    }

    /**
     * A PostgreSQL database.
     *
     * @param jdbcUrl the driver's URL, {@code jdbc:postgresql://host[:port]/database[?parameters]}, with no password
     * @param shown the URL as the user wrote it, for messages
     */
    record Postgres(String jdbcUrl, String shown) implements StoreLocation {
        public Postgres {
            Objects.requireNonNull(jdbcUrl, "jdbcUrl");
            Objects.requireNonNull(shown, "shown");
        }

        @Override
        public String describe() {
            return shown;
        }

        @Override
        public String toString() {
            return describe();
        }
    }

    /**
     * {@code postgresql://[user@]host[:port][,host2[:port]]/database[?parameters]}, with {@code postgres://}
     * and the driver's {@code jdbc:postgresql://} form accepted too (libpq's and pgjdbc's spellings).
     */
    Pattern POSTGRES_URL = Pattern.compile("^(?:jdbc:)?postgres(?:ql)?://(?:([^@/?]*)@)?([^/?]*)(?:/([^?]*))?(?:\\?(.*))?$");

    /** Whether {@code value} names a PostgreSQL database rather than a file. */
    static boolean isPostgresUrl(String value) {
        return value.startsWith("postgresql:") || value.startsWith("postgres:") || value.startsWith("jdbc:postgresql:");
    }

    /**
     * Parses a PostgreSQL URL. Passwords are refused wherever a URL could carry one (user info,
     * a {@code password} parameter): they belong in {@code PGPASSWORD} or a {@code .pgpass} file.
     *
     * @throws DatabaseException (usage) naming what is wrong, without echoing a password
     */
    static Postgres postgres(String url) {
        Matcher m = POSTGRES_URL.matcher(url);
        if (!m.matches()) {
            throw DatabaseException.input("store URL " + redact(url) + " is not a PostgreSQL URL of the form "
                    + "postgresql://[user@]host[:port]/database[?parameters]");
        }
        String user = m.group(1);
        String hosts = m.group(2);
        String database = m.group(3);
        String query = m.group(4);
        if (user != null && user.contains(":")) {
            throw DatabaseException.input("store URL " + redact(url) + " carries a password; remove it and give it in "
                    + "PGPASSWORD or a .pgpass file (PGPASSFILE), so it never shows in process lists or logs");
        }
        List<String> parameters = new ArrayList<>();
        if (query != null && !query.isEmpty()) {
            for (String p : query.split("&")) {
                String key = p.contains("=") ? p.substring(0, p.indexOf('=')) : p;
                if (key.equalsIgnoreCase("password") || key.equalsIgnoreCase("sslpassword")) {
                    throw DatabaseException.input("store URL " + redact(url) + " carries a " + key + " parameter; give "
                            + "the password in PGPASSWORD or a .pgpass file (PGPASSFILE) instead");
                }
                if (key.equalsIgnoreCase("user") && user != null) {
                    throw DatabaseException.input("store URL " + redact(url) + " names the user twice");
                }
                parameters.add(p);
            }
        }
        if (hosts.isEmpty()) {
            throw DatabaseException.input("store URL " + redact(url) + " names no host (postgresql://host/database)");
        }
        if (database == null || database.isEmpty()) {
            throw DatabaseException.input("store URL " + redact(url) + " names no database (postgresql://host/database)");
        }
        if (user != null && !user.isEmpty()) {
            parameters.addFirst("user=" + user);
        }
        String jdbc = "jdbc:postgresql://" + hosts + "/" + database + (parameters.isEmpty() ? "" : "?" + String.join("&", parameters));
        String shown = "postgresql://" + (user == null || user.isEmpty() ? "" : user + "@") + hosts + "/" + database
                + (query == null || query.isEmpty() ? "" : "?" + query);
        return new Postgres(jdbc, shown);
    }

    /** A URL with whatever could be a password replaced by {@code ***}, for messages about a bad URL. */
    static String redact(String url) {
        return url.replaceAll("(://[^:@/?]*):[^@/?]*@", "$1:***@")
                .replaceAll("(?i)((?:ssl)?password=)[^&]*", "$1***");
    }
}
