package dev.stepwise.prover.store;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/** What {@code stepwise db info} shows about a database file. */
public sealed interface DatabaseInfo {

    Path path();

    /** Nothing at the path yet; the first run creates it. */
    record Missing(Path path) implements DatabaseInfo {
        public Missing {
            Objects.requireNonNull(path, "path");
        }
    }

    /**
     * @param schemaVersion the version the file is at (0: an empty SQLite file)
     * @param supportedVersion the latest version this build understands
     * @param journalMode SQLite's journal mode of the file ({@code wal} once Stepwise opened it)
     * @param sizeBytes the main file's size (the WAL file comes on top)
     * @param tables every table with its row count, by name
     */
    record Present(Path path, int schemaVersion, int supportedVersion, String journalMode, long sizeBytes,
            List<TableCount> tables) implements DatabaseInfo {
        public Present {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(journalMode, "journalMode");
            tables = List.copyOf(tables);
        }
    }

    record TableCount(String table, long rows) {
        public TableCount {
            Objects.requireNonNull(table, "table");
        }
    }
}
