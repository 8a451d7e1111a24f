package dev.stepwise.prover.lean;

import dev.stepwise.lean.GatePolicy;
import dev.stepwise.lean.HostTools;
import dev.stepwise.lean.LakeEnvironment;
import dev.stepwise.lean.LeanProject;
import dev.stepwise.lean.ReplPoolConfig;
import dev.stepwise.lean.ReplProcessConfig;
import dev.stepwise.lean.ReplStartException;
import dev.stepwise.lean.Sandbox;
import dev.stepwise.lean.SandboxSupport;
import dev.stepwise.lean.Secrets;
import dev.stepwise.lean.TacticFilter;
import dev.stepwise.prover.config.LeanKeys;
import dev.stepwise.prover.config.Settings;
import dev.stepwise.prover.config.ValueType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Turns the Lean keys of the configuration into the bridge's configuration records: where the
 * project is, the REPL command, the pool, the gate. The only place that reads {@link LeanKeys}.
 */
public final class LeanSetup {
    private final Settings settings;
    private final Path home;
    private final Path workDir;
    private final HostTools tools;
    /** The project a run chose ({@link #withProject}), or null: then lean.project or the installation's default. */
    private final LeanProject chosen;
    /** Read on first use, then kept: every pool of this setup starts its REPLs with it. */
    private LakeEnvironment lakeEnvironment;
    /** Whether bwrap runs here, tried once on first use. */
    private SandboxSupport sandboxSupport;

    /**
     * @param home the installation (its {@code lean-project/} is the default project)
     * @param workDir what relative paths in the configuration are resolved against
     */
    public LeanSetup(Settings settings, Path home, Path workDir, HostTools tools) {
        this(settings, home, workDir, tools, null);
    }

    private LeanSetup(Settings settings, Path home, Path workDir, HostTools tools, LeanProject chosen) {
        this.settings = settings;
        this.home = home;
        this.workDir = workDir;
        this.tools = tools;
        this.chosen = chosen;
    }

    /** The same set-up on {@code project}, the one a run chose for its dataset ({@link ProjectChoice}). */
    public LeanSetup withProject(LeanProject project) {
        return new LeanSetup(settings, home, workDir, tools, project);
    }

    /**
     * The project REPLs run in: the one chosen for the run, else lean.project (a path, or the name
     * of a directory of lean-projects/ such as v4.24.0), else the installation's default
     * ({@link InstalledProjects#fallback}).
     */
    public LeanProject project() {
        if (chosen != null) {
            return chosen;
        }
        return configuredProject().orElseGet(() -> installed().fallback());
    }

    /** lean.project as set: a path that exists, else the name of an installed project, else the path as given. */
    public Optional<LeanProject> configuredProject() {
        Path configured = settings.path(LeanKeys.PROJECT);
        if (configured == null) {
            return Optional.empty();
        }
        Path path = workDir.resolve(configured).normalize();
        if (Files.isDirectory(path)) {
            return Optional.of(new LeanProject(path));
        }
        return Optional.of(installed().named(configured.toString()).orElse(new LeanProject(path)));
    }

    public InstalledProjects installed() {
        return new InstalledProjects(home);
    }

    /** Whether lean.repl-command replaces the project's REPL (the simulator's, or a user's own). */
    public boolean configuredCommand() {
        return !settings.strings(LeanKeys.REPL_COMMAND).isEmpty();
    }

    public Sandbox sandbox() {
        return Sandbox.valueOf(settings.string(LeanKeys.SANDBOX).toUpperCase(Locale.ROOT).replace('-', '_'));
    }

    public int poolSize() {
        return settings.integer(LeanKeys.POOL_SIZE);
    }

    /**
     * The configured command, or the project's REPL binary, run directly with the variables
     * {@code lake env} sets ({@link #processConfig}).
     */
    public List<String> replCommand() {
        List<String> configured = settings.strings(LeanKeys.REPL_COMMAND);
        if (!configured.isEmpty()) {
            return configured;
        }
        return List.of(project().replBinary().toAbsolutePath().toString());
    }

    /**
     * The variables of {@code lake env} for the project, read once per setup (one Lake run, not
     * one per REPL) with lake from PATH or ~/.elan/bin; none for a configured command, which
     * brings its own.
     *
     * @throws ReplStartException if the REPL binary is missing or Lake cannot tell its environment
     */
    private LakeEnvironment lakeEnvironment() {
        if (!settings.strings(LeanKeys.REPL_COMMAND).isEmpty()) {
            return new LakeEnvironment(Map.of());
        }
        if (lakeEnvironment == null) {
            LeanProject project = project();
            if (!project.replBuilt()) {
                throw new ReplStartException("cannot start the REPL: " + project.replBinary() + " not found; run 'make lean'"
                        + " to set up Lean, or 'stepwise lean doctor' to see what is missing", null);
            }
            Path lake = LeanProject.findLake(tools, Path.of(System.getProperty("user.home")))
                    .orElseThrow(() -> new ReplStartException("cannot start the REPL: lake not found on PATH or in"
                            + " ~/.elan/bin; run 'make lean' to set up Lean, or 'stepwise lean doctor' to see what is missing",
                            null));
            lakeEnvironment = LakeEnvironment.compute(lake, project.root(), tools, secrets(),
                    settings.duration(LeanKeys.WARMUP_TIMEOUT));
        }
        return lakeEnvironment;
    }

    /** Configured credentials (settings of the secret type, such as model.api-key), masked in what REPLs print. */
    public Secrets secrets() {
        List<String> values = new ArrayList<>();
        for (Settings.Entry e : settings.entries()) {
            if (e.value() != null && (e.key().type() == ValueType.SECRET || Secrets.isSecretName(e.key().name()))) {
                values.add(e.value().toString());
            }
        }
        return Secrets.of(values);
    }

    /**
     * The one line {@code prove}, {@code eval} and {@code iterate} print at start when a real
     * Lean REPL will run model-written tactics outside the sandbox; empty when it is sandboxed.
     */
    public Optional<String> unsandboxedWarning() {
        Sandbox sandbox = sandbox();
        if (sandbox == Sandbox.OFF) {
            return Optional.of("warning: Lean REPLs run without a sandbox (lean.sandbox=off): model-written tactics run"
                    + " with your user's rights, network and files");
        }
        if (sandbox == Sandbox.REQUIRED) {
            return Optional.empty();
        }
        String fix = switch (sandboxSupport()) {
            case SandboxSupport.Usable u -> null;
            case SandboxSupport.Missing m -> "bwrap not found): model-written tactics run with your user's rights, network"
                    + " and files; install bubblewrap";
            case SandboxSupport.Unusable u -> "bwrap cannot run here: " + u.reason() + "): model-written tactics run with your"
                    + " user's rights, network and files; allow unprivileged user namespaces";
        };
        return fix == null ? Optional.empty() : Optional.of("warning: Lean REPLs run without a sandbox (" + fix
                + ", or set lean.sandbox=required to refuse this");
    }

    /**
     * The sandbox REPLs get: {@code where-available} is off where bwrap is missing or cannot make
     * its namespaces (in many containers), so REPLs still start; {@code required} then refuses.
     *
     * @throws ReplStartException if the sandbox is required and bwrap is installed but cannot run
     */
    private Sandbox effectiveSandbox() {
        Sandbox sandbox = sandbox();
        if (sandbox == Sandbox.OFF) {
            return sandbox;
        }
        return switch (sandboxSupport()) {
            case SandboxSupport.Usable u -> sandbox;
            // ReplLaunch refuses a required sandbox without bwrap, with its own message
            case SandboxSupport.Missing m -> sandbox == Sandbox.REQUIRED ? sandbox : Sandbox.OFF;
            case SandboxSupport.Unusable u -> {
                if (sandbox == Sandbox.REQUIRED) {
                    throw new ReplStartException("the sandbox is required but bwrap cannot run here: " + u.reason()
                            + " (allow unprivileged user namespaces, or set lean.sandbox to where-available or off)", null);
                }
                yield Sandbox.OFF;
            }
        };
    }

    private SandboxSupport sandboxSupport() {
        if (sandboxSupport == null) {
            sandboxSupport = SandboxSupport.probe(tools);
        }
        return sandboxSupport;
    }

    /** A new scratch directory for one pool's REPLs; the caller owns it and closes it when the pool has stopped. */
    public ScratchDir scratch() {
        Path parent = settings.path(LeanKeys.SCRATCH_DIR);
        return ScratchDir.create(parent == null ? null : workDir.resolve(parent).normalize());
    }

    /**
     * @param scratch the only directory a sandboxed REPL may write to
     * @throws ReplStartException if the default REPL cannot be set up (binary missing, Lake failing)
     */
    public ReplProcessConfig processConfig(Path scratch) {
        requireUsableRepl();
        LakeEnvironment lake = lakeEnvironment();
        return new ReplProcessConfig(replCommand(), project().root(), lake.variables(),
                settings.longValue(LeanKeys.MEMORY_CAP), effectiveSandbox(), scratch, Duration.ofSeconds(5),
                lake.readOnlyPaths(),
                secrets());
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
