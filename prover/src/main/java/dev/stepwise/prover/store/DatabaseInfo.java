package dev.stepwise.prover.store;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/** What {@code stepwise db info} shows about a database. */
public sealed interface DatabaseInfo {

    /** Nothing at the path yet; the first run creates it. */
    record Missing(Path path) implements DatabaseInfo {
        public Missing {
            Objects.requireNonNull(path, "path");
        }
    }

    /**
     * @param location the file or the PostgreSQL database
     * @param schemaVersion the version the database is at (0: an empty SQLite file or PostgreSQL database)
     * @param supportedVersion the latest version this build understands
     * @param storage how the data is kept: SQLite's journal mode of the file ({@code journal mode wal}
     *     once Stepwise opened it), or the PostgreSQL server's version
     * @param sizeBytes the main file's size (the WAL file comes on top), or the PostgreSQL database's
     * @param tables every table with its row count, by name
     */
    record Present(StoreLocation location, int schemaVersion, int supportedVersion, String storage, long sizeBytes,
            List<TableCount> tables) implements DatabaseInfo {
        public Present {
            Objects.requireNonNull(location, "location");
            Objects.requireNonNull(storage, "storage");
            tables = List.copyOf(tables);
        }
    }

    record TableCount(String table, long rows) {
        public TableCount {
            Objects.requireNonNull(table, "table");
        }
    }
}
