package dev.stepwise.prover.config;

import java.nio.file.Path;
import java.util.List;

/** Keys of the application core: where data lives and how the store behaves. */
public final class CoreKeys {
    private CoreKeys() {
    }

    public static final ConfigKey STORE_PATH = ConfigKey.of("store.path", ValueType.PATH,
            Path.of(".stepwise", "stepwise.db"), "SQLite database holding runs, proofs, search trees and rounds");
    public static final ConfigKey STORE_URL = ConfigKey.of("store.url", ValueType.STRING, "",
            "PostgreSQL database shared by workers on several machines (postgresql://[user@]host[:port]/database); "
            + "when set it is used instead of store.path; the password comes from PGPASSWORD or a .pgpass file");
    public static final ConfigKey RUNS_DIR = ConfigKey.of("store.runs-dir", ValueType.PATH,
            Path.of(".stepwise", "runs"), "directory for per-run outputs (results.jsonl, results.md, reports)");
    public static final ConfigKey BUSY_TIMEOUT = ConfigKey.of("store.busy-timeout", ValueType.DURATION,
            java.time.Duration.ofSeconds(30), "how long a write waits for another process holding the database lock")
            .restrictedTo(v -> !((java.time.Duration) v).isNegative(), "zero or more");

    public static final ConfigKey LEASE = ConfigKey.of("store.lease", ValueType.DURATION,
            java.time.Duration.ofSeconds(60), "how long a worker's claim on a problem of a shared run holds without its "
            + "heartbeat (renewed every third of it): a dead worker's problems are searched again after this")
            .restrictedTo(v -> ((java.time.Duration) v).compareTo(java.time.Duration.ofSeconds(1)) >= 0, "at least 1s");

    public static final List<ConfigKey> ALL = List.of(STORE_PATH, STORE_URL, RUNS_DIR, BUSY_TIMEOUT, LEASE);
}
