package dev.stepwise.prover.config;

import dev.stepwise.lean.GatePolicy;
import dev.stepwise.lean.TacticFilter;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/** Keys of the Lean bridge: where the Lake project is, how REPL processes run, the pool, the gate. */
public final class LeanKeys {
    private LeanKeys() {
    }

    private static final Set<String> SANDBOXES = Set.of("off", "where-available", "required");

    public static final ConfigKey PROJECT = ConfigKey.of("lean.project", ValueType.PATH, null,
            "the Lake project with Lean, Mathlib and the REPL: a path, or a directory name of lean-projects/ (v4.24.0); "
                    + "unset: the installed project that matches the dataset's target, else lean-projects/v4.24.0 (or an "
                    + "earlier lean-project/)");
    public static final ConfigKey ALLOW_VERSION_MISMATCH = ConfigKey.of("lean.allow-version-mismatch", ValueType.BOOLEAN,
            false, "run a dataset on a Lean project other than the one it targets (refused otherwise); the run's results "
                    + "are then labelled with the mismatch");
    public static final ConfigKey REPL_COMMAND = ConfigKey.of("lean.repl-command", ValueType.STRING_LIST, List.of(),
            "command that starts one REPL, run in lean.project (comma-separated); unset: "
                    + ".lake/packages/REPL/.lake/build/bin/repl with the variables of 'lake env'");
    public static final ConfigKey POOL_SIZE = ConfigKey.positiveInt("pool.size",
            Runtime.getRuntime().availableProcessors(), "number of REPL processes (default: the number of cores)");
    public static final ConfigKey MEMORY_CAP = ConfigKey.of("pool.memory-cap", ValueType.BYTES, 20L << 30,
            "address-space cap per REPL process via prlimit --as (importing Mathlib needs about 9-12g); 0 = none")
            .restrictedTo(v -> (Long) v >= 0, "zero or more");
    public static final ConfigKey TACTIC_TIMEOUT = ConfigKey.of("lean.tactic-timeout", ValueType.DURATION,
            Duration.ofSeconds(60), "wall-clock limit of one tactic; past it the process tree is killed")
            .restrictedTo(v -> positive(v), "a positive duration");
    public static final ConfigKey WARMUP_TIMEOUT = ConfigKey.of("lean.warmup-timeout", ValueType.DURATION,
            Duration.ofMinutes(10), "wall-clock limit of importing one header (Mathlib takes minutes)")
            .restrictedTo(v -> positive(v), "a positive duration");
    public static final ConfigKey LEASE_TIMEOUT = ConfigKey.of("pool.lease-timeout", ValueType.DURATION,
            Duration.ofMinutes(15), "how long a search waits for a free REPL process before it fails")
            .restrictedTo(v -> positive(v), "a positive duration");
    public static final ConfigKey MAX_COMMANDS = ConfigKey.of("pool.max-commands", ValueType.LONG, 2000L,
            "recycle a REPL process after this many requests (its proof states are never freed); 0 = never")
            .restrictedTo(v -> (Long) v >= 0, "zero or more");
    public static final ConfigKey MAX_RSS = ConfigKey.of("pool.max-rss", ValueType.BYTES, 14L << 30,
            "recycle a REPL process whose process tree uses more resident memory than this; 0 = never")
            .restrictedTo(v -> (Long) v >= 0, "zero or more");
    public static final ConfigKey MAX_AGE = ConfigKey.of("pool.max-age", ValueType.DURATION, Duration.ofHours(2),
            "recycle a REPL process after this age; 0 = never")
            .restrictedTo(v -> !((Duration) v).isNegative(), "zero or more");
    public static final ConfigKey SANDBOX = ConfigKey.of("lean.sandbox", ValueType.STRING, "where-available",
            "run REPLs under bwrap (no network, read-only file system but a scratch dir): off, where-available, "
                    + "required").restrictedTo(v -> SANDBOXES.contains(v), "off, where-available or required");
    public static final ConfigKey SCRATCH_DIR = ConfigKey.of("lean.scratch-dir", ValueType.PATH, null,
            "where each Lean pool makes its scratch directory (the only place a sandboxed REPL may write), removed when "
                    + "the pool stops; unset: the system temp directory");
    public static final ConfigKey FORBIDDEN = ConfigKey.of("lean.forbidden", ValueType.STRING_LIST,
            TacticFilter.DEFAULT_FORBIDDEN, "words a tactic or found proof may not contain; refused before Lean");
    public static final ConfigKey ALLOWED_AXIOMS = ConfigKey.of("lean.allowed-axioms", ValueType.STRING_LIST,
            List.copyOf(new java.util.TreeSet<>(GatePolicy.STANDARD_AXIOMS)),
            "axioms an accepted proof may depend on (#print axioms); any other rejects it");
    public static final ConfigKey GATE_TIMEOUT = ConfigKey.of("lean.gate-timeout", ValueType.DURATION,
            Duration.ofMinutes(5), "wall-clock limit of re-elaborating one found proof in the acceptance gate")
            .restrictedTo(v -> positive(v), "a positive duration");

    public static final ConfigKey OWNER_WAIT = ConfigKey.of("pool.owner-wait", ValueType.DURATION,
            Duration.ofSeconds(2), "how long a tactic waits for the busy REPL that holds its proof state before the state is "
                    + "rebuilt on another REPL by replaying its path (0s = never wait); a REPL that would otherwise sit idle "
                    + "takes a waiting tactic sooner when more commands are queued ahead of it than the replay takes")
            .restrictedTo(v -> !((Duration) v).isNegative(), "zero or more");
    public static final List<ConfigKey> ALL = List.of(PROJECT, ALLOW_VERSION_MISMATCH, REPL_COMMAND, POOL_SIZE, MEMORY_CAP, TACTIC_TIMEOUT,
            WARMUP_TIMEOUT, LEASE_TIMEOUT, OWNER_WAIT, MAX_COMMANDS, MAX_RSS, MAX_AGE, SANDBOX, SCRATCH_DIR, FORBIDDEN, ALLOWED_AXIOMS,
            GATE_TIMEOUT);

    private static boolean positive(Object v) {
        Duration d = (Duration) v;
        return !d.isNegative() && !d.isZero();
    }
}
