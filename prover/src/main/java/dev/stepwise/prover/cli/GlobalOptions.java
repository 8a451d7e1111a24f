package dev.stepwise.prover.cli;

import dev.stepwise.prover.store.StoreLocation;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * Options every command accepts. There is one instance per invocation, shared through the
 * factory, so the inherited options of a subcommand land here whatever command they follow.
 */
public final class GlobalOptions {

    @Option(names = "--config", paramLabel = "FILE", scope = ScopeType.INHERIT,
            description = "YAML configuration file (default: ./stepwise.yaml when it exists).")
    Path configFile;

    @Option(names = "--set", paramLabel = "KEY=VALUE", scope = ScopeType.INHERIT,
            description = "Override one configuration key, e.g. --set pool.size=4 (repeatable).")
    Map<String, String> overrides = new LinkedHashMap<>();

    @Option(names = "--db", paramLabel = "PATH|URL", scope = ScopeType.INHERIT,
            description = {"SQLite database file (same as --set store.path=PATH), or a PostgreSQL database shared by "
                + "several machines, postgresql://[user@]host[:port]/database (same as --set store.url=URL; the "
                + "password comes from PGPASSWORD or a .pgpass file, never from the command line)."})
    String database;

    @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT,
            description = "Print stack traces of errors and more detail while running.")
    boolean verbose;

    public Path configFile() {
        return configFile;
    }

    /** Flag-layer values by key name; specific flags such as {@code --db} win over {@code --set}. */
    public Map<String, String> flagValues() {
        Map<String, String> values = new LinkedHashMap<>(overrides);
        if (database != null) {
            values.put(StoreLocation.isPostgresUrl(database) ? "store.url" : "store.path", database);
        }
        return values;
    }

    public boolean verbose() {
        return verbose;
    }
}
