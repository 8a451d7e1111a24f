package dev.stepwise.prover.store;

import dev.stepwise.prover.store.schema.Migrations;
import dev.stepwise.prover.store.schema.SqlDialect;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Map;

/**
 * The two databases the store tests run on: a test class parameterized by this runs every test
 * once on an SQLite file and once on a fresh database of the real PostgreSQL server.
 */
public enum TestEngine {
    SQLITE,
    POSTGRESQL;

    /** A place for one test's store, made empty; {@link Place#close()} removes it. */
    public Place place(Path dir) {
        return switch (this) {
            case SQLITE -> new Place(new StoreLocation.SqliteFile(dir.resolve("stepwise.db")));
            case POSTGRESQL -> new Place(PostgresTestServer.createDatabase());
        };
    }

    public SqlDialect dialect() {
        return this == SQLITE ? SqlDialect.SQLITE : SqlDialect.POSTGRESQL;
    }

    /** Where one test keeps its store; opened as often as the test likes, dropped at the end. */
    public record Place(StoreLocation location) implements AutoCloseable {
        public Store open() {
            return open(Duration.ofSeconds(5));
        }

        public Store open(Duration busyTimeout) {
            return Store.open(location, busyTimeout, Map.of());
        }

        /** Opens with a given set of migrations, in this place's dialect. */
        public Store open(Migrations migrations, InstantSource clock) {
            return switch (location) {
                case StoreLocation.SqliteFile f -> Store.open(f.path(), Duration.ofSeconds(5), migrations, clock);
                case StoreLocation.Postgres pg -> Store.open(pg, Duration.ofSeconds(5), Map.of(), migrations, clock);
            };
        }

        @Override
        public void close() {
            if (location instanceof StoreLocation.Postgres pg) {
                PostgresTestServer.drop(pg);
            }
        }
    }
}
