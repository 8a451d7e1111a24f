package dev.stepwise.prover.store;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * Turns an {@link SQLException} into what the caller should see: a one-line {@link DatabaseException} when
 * the user can do something about it (the file, the disk, another process), a {@link StoreException}
 * naming the operation otherwise.
 */
final class SqlFailure {
    /** sqlite-jdbc messages look like {@code [SQLITE_FULL] Insertion failed because … (database or disk is full)}. */
    private static final Pattern NATIVE_MESSAGE = Pattern.compile("^\\[[A-Z_]+\\][^(]*\\((.*)\\)\\s*$", Pattern.DOTALL);

    private SqlFailure() {
    }

    /**
     * @param doing what was being done, as a verb phrase ("record an attempt"), for the message
     */
    static RuntimeException translate(StoreLocation db, String doing, SQLException e) {
        if (db instanceof StoreLocation.Postgres) {
            return translatePostgres(db, doing, e);
        }
        if (!(e instanceof SQLiteException sqlite)) {
            return new StoreException("database " + db + ": cannot " + doing + ": " + e.getMessage(), e);
        }
        String detail = nativeMessage(e);
        SQLiteErrorCode primary = SQLiteErrorCode.getErrorCode(sqlite.getResultCode().code & 0xff);
        return switch (primary) {
            case SQLITE_NOTADB -> DatabaseException.input(db + " is not a Stepwise database (not an SQLite file)", e);
            case SQLITE_CORRUPT -> DatabaseException.input("database " + db + " is damaged (" + detail
                    + "); restore it from a backup or move it aside to start a new one", e);
            case SQLITE_FULL -> DatabaseException.environment("database " + db + ": disk full; cannot " + doing, e);
            case SQLITE_BUSY, SQLITE_LOCKED -> DatabaseException.environment("database " + db
                    + " is locked by another process; gave up waiting (store.busy-timeout) to " + doing, e);
            case SQLITE_READONLY, SQLITE_PERM, SQLITE_CANTOPEN, SQLITE_IOERR, SQLITE_AUTH, SQLITE_NOLFS,
                    SQLITE_NOMEM -> DatabaseException.environment("database " + db + ": cannot " + doing + ": " + detail, e);
            default -> new StoreException("database " + db + ": cannot " + doing + ": " + detail, e);
        };
    }

    /**
     * PostgreSQL's errors by their SQLSTATE class (postgresql.org/docs/15/errcodes-appendix.html):
     * the server out of reach, a refused login, a missing database, a full disk, a lock held past
     * the busy timeout are the user's to fix; anything else is a bug.
     */
    private static RuntimeException translatePostgres(StoreLocation db, String doing, SQLException e) {
        SQLException cause = e;
        // the pool's timeout carries the driver's last failure, if connecting failed, as its cause
        if (e instanceof SQLTransientConnectionException && e.getCause() instanceof SQLException inner) {
            cause = inner;
        }
        String state = cause.getSQLState() == null ? "" : cause.getSQLState();
        String detail = firstLine(cause.getMessage());
        if (state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03")) {
            return DatabaseException.outage("database " + db + ": cannot reach the server to " + doing + " ("
                    + detail + ")", e);
        }
        if (state.startsWith("28")) {
            return DatabaseException.environment("database " + db + ": the server refused the login (" + detail
                    + "); give the password in PGPASSWORD or a .pgpass file (PGPASSFILE)", e);
        }
        if (state.equals("3D000")) {
            return DatabaseException.environment("database " + db + " does not exist on the server (" + detail
                    + "); create it (createdb) or name another one", e);
        }
        if (state.equals("53100")) {
            return DatabaseException.environment("database " + db + ": the server's disk is full; cannot " + doing, e);
        }
        if (state.equals("55P03")) {
            return DatabaseException.environment("database " + db
                    + " is locked by another process; gave up waiting (store.busy-timeout) to " + doing, e);
        }
        if (e instanceof SQLTransientConnectionException) {
            // the pool could neither lend nor make a connection in time: the server is the likely cause
            return DatabaseException.outage("database " + db + ": no connection within store.busy-timeout to "
                    + doing + " (" + detail + ")", e);
        }
        return new StoreException("database " + db + ": cannot " + doing + ": " + detail, e);
    }

    private static String firstLine(String message) {
        String m = String.valueOf(message).strip();
        int newline = m.indexOf('\n');
        return newline < 0 ? m : m.substring(0, newline);
    }

    /** SQLite's own text without the driver's prefix; the whole message when it has another shape. */
    static String nativeMessage(SQLException e) {
        String message = String.valueOf(e.getMessage());
        Matcher m = NATIVE_MESSAGE.matcher(message);
        return m.matches() ? m.group(1) : message;
    }
}
