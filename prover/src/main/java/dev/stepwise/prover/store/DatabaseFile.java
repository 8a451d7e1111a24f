package dev.stepwise.prover.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Checks on the database file made before SQLite touches it, so that pointing Stepwise at the wrong
 * file gives one clear line and leaves that file exactly as it was.
 */
final class DatabaseFile {
    /** Every SQLite 3 database starts with these 16 bytes. */
    private static final byte[] MAGIC = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);

    private DatabaseFile() {
    }

    /** A file that exists must be an SQLite database; a missing one gets its parent directories. */
    static void prepareForOpen(Path db) {
        if (Files.exists(db)) {
            requireSqlite(db);
            return;
        }
        Path parent = db.toAbsolutePath().getParent();
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw DatabaseException.environment("cannot create directory " + parent + " for the database " + db + " ("
                    + e.getClass().getSimpleName() + ": " + e.getMessage() + ")", e);
        }
    }

    /** An empty file is a database with nothing in it yet (SQLite treats it so). */
    static void requireSqlite(Path db) {
        if (Files.isDirectory(db)) {
            throw DatabaseException.input(db + " is a directory, not a Stepwise database");
        }
        try {
            if (Files.size(db) == 0) {
                return;
            }
            byte[] head;
            try (InputStream in = Files.newInputStream(db)) {
                head = in.readNBytes(MAGIC.length);
            }
            if (!Arrays.equals(head, MAGIC)) {
                throw DatabaseException.input(db + " is not a Stepwise database (not an SQLite file)");
            }
        } catch (IOException e) {
            throw DatabaseException.environment("cannot read database " + db + ": " + e, e);
        }
    }
}
