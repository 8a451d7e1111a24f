package dev.stepwise.prover.lean;

import dev.stepwise.lean.GatePolicy;
import dev.stepwise.lean.HostTools;
import dev.stepwise.lean.LeanProject;
import dev.stepwise.lean.ReplPoolConfig;
import dev.stepwise.lean.ReplProcessConfig;
import dev.stepwise.lean.ReplStartException;
import dev.stepwise.lean.Sandbox;
import dev.stepwise.lean.TacticFilter;
import dev.stepwise.prover.config.LeanKeys;
import dev.stepwise.prover.config.Settings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns the Lean keys of the configuration into the bridge's configuration records: where the
 * project is, the REPL command, the pool, the gate. The only place that reads {@link LeanKeys}.
 */
public final class LeanSetup {
    private final Settings settings;
    private final Path home;
    private final Path workDir;
    private final HostTools tools;

    /**
     * @param home the installation (its {@code lean-project/} is the default project)
     * @param workDir what relative paths in the configuration are resolved against
     */
    public LeanSetup(Settings settings, Path home, Path workDir, HostTools tools) {
        this.settings = settings;
        this.home = home;
        this.workDir = workDir;
        this.tools = tools;
    }

    public LeanProject project() {
        Path configured = settings.path(LeanKeys.PROJECT);
        return new LeanProject(configured == null ? home.resolve("lean-project") : workDir.resolve(configured).normalize());
    }

    public Sandbox sandbox() {
        return Sandbox.valueOf(settings.string(LeanKeys.SANDBOX).toUpperCase(Locale.ROOT).replace('-', '_'));
    }

    public int poolSize() {
        return settings.integer(LeanKeys.POOL_SIZE);
    }

    /** The configured command, or {@code lake env <repl>} with lake from PATH or ~/.elan/bin. */
    public List<String> replCommand() {
        List<String> configured = settings.strings(LeanKeys.REPL_COMMAND);
        if (!configured.isEmpty()) {
            return configured;
        }
        Path lake = LeanProject.findLake(tools, Path.of(System.getProperty("user.home"))).orElse(Path.of("lake"));
        return project().defaultReplCommand(lake);
    }

    /** A new scratch directory for one pool's REPLs; the caller owns it and closes it when the pool has stopped. */
    public ScratchDir scratch() {
        Path parent = settings.path(LeanKeys.SCRATCH_DIR);
        return ScratchDir.create(parent == null ? null : workDir.resolve(parent).normalize());
    }

    /** @param scratch the only directory a sandboxed REPL may write to */
    public ReplProcessConfig processConfig(Path scratch) {
        requireUsableRepl();
        return new ReplProcessConfig(replCommand(), project().root(), Map.of(),
                settings.longValue(LeanKeys.MEMORY_CAP), sandbox(), scratch, Duration.ofSeconds(5));
    }

    /**
     * Refuses, before any process starts, a project REPL that cannot serve (a tag before v4.10.0
     * without the flush fix answers into a buffer nobody reads). A configured command is its
     * owner's to vouch for.
     */
    private void requireUsableRepl() {
        if (settings.strings(LeanKeys.REPL_COMMAND).isEmpty()) {
            project().replUnusableReason().ifPresent(why -> {
                throw new ReplStartException(why, null);
            });
        }
    }

    /** The pool for these headers (each warmed on every process at start), at most {@code size} processes. */
    public ReplPoolConfig poolConfig(int size, List<String> warmHeaders, Path scratch) {
        return ReplPoolConfig.defaults(size, processConfig(scratch), List.copyOf(new java.util.LinkedHashSet<>(warmHeaders)))
                .withTimeouts(settings.duration(LeanKeys.TACTIC_TIMEOUT), settings.duration(LeanKeys.WARMUP_TIMEOUT),
                        settings.duration(LeanKeys.LEASE_TIMEOUT))
                .withRecycling(settings.longValue(LeanKeys.MAX_COMMANDS), settings.longValue(LeanKeys.MAX_RSS),
                        settings.duration(LeanKeys.MAX_AGE))
                .withHousekeeping(Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ofMinutes(1),
                        settings.duration(LeanKeys.TACTIC_TIMEOUT).multipliedBy(5))
                .withOwnerWait(settings.duration(LeanKeys.OWNER_WAIT));
    }

    public TacticFilter tacticFilter() {
        return new TacticFilter(settings.strings(LeanKeys.FORBIDDEN));
    }

    public GatePolicy gatePolicy() {
        return new GatePolicy(new HashSet<>(settings.strings(LeanKeys.ALLOWED_AXIOMS)),
                settings.strings(LeanKeys.FORBIDDEN), settings.duration(LeanKeys.GATE_TIMEOUT));
    }
}
