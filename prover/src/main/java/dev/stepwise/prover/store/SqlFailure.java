package dev.stepwise.prover.store;

import java.nio.file.Path;
import java.sql.SQLException;
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
    static RuntimeException translate(Path db, String doing, SQLException e) {
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

    /** SQLite's own text without the driver's prefix; the whole message when it has another shape. */
    static String nativeMessage(SQLException e) {
        String message = String.valueOf(e.getMessage());
        Matcher m = NATIVE_MESSAGE.matcher(message);
        return m.matches() ? m.group(1) : message;
    }
}
