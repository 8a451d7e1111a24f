package dev.stepwise.lean;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How to start one REPL process.
 *
 * @param command the REPL command line (default: the REPL binary of the Lake project, run directly)
 * @param workDir where it runs (the Lake project root)
 * @param environment variables set for it on top of the allow-listed part of Stepwise's own
 *     environment ({@link ReplEnvironment}); for the default command, what {@code lake env} sets
 * @param memoryCapBytes address-space cap per process ({@code prlimit --as}); 0 = no cap
 * @param sandbox whether to run it under bwrap
 * @param scratchDir the only writable directory inside the sandbox, and its TMPDIR
 * @param exitWait how long to wait for a process to go after it is killed or closes its output
 * @param readOnlyPaths what a sandboxed REPL may read besides the system directories, the work
 *     directory and the paths its command names (e.g. the Lean toolchain)
 * @param secrets values to mask in anything of the REPL's that Stepwise repeats (configured API
 *     keys); credentials in Stepwise's own environment are masked as well
 */
public record ReplProcessConfig(List<String> command, Path workDir, Map<String, String> environment,
        long memoryCapBytes, Sandbox sandbox, Path scratchDir, Duration exitWait, List<Path> readOnlyPaths,
        Secrets secrets) {

    public ReplProcessConfig {
        command = List.copyOf(command);
        if (command.isEmpty()) {
            throw new IllegalArgumentException("REPL command is empty");
        }
        Objects.requireNonNull(workDir, "workDir");
        environment = Map.copyOf(environment);
        if (memoryCapBytes < 0) {
            throw new IllegalArgumentException("memoryCapBytes must be >= 0, got " + memoryCapBytes);
        }
        Objects.requireNonNull(sandbox, "sandbox");
        Objects.requireNonNull(scratchDir, "scratchDir");
        if (exitWait.isNegative() || exitWait.isZero()) {
            throw new IllegalArgumentException("exitWait must be positive, got " + exitWait);
        }
        readOnlyPaths = List.copyOf(readOnlyPaths);
        Objects.requireNonNull(secrets, "secrets");
    }

    /** No paths to read beyond the command's and the work directory, no configured secrets. */
    public ReplProcessConfig(List<String> command, Path workDir, Map<String, String> environment, long memoryCapBytes,
            Sandbox sandbox, Path scratchDir, Duration exitWait) {
        this(command, workDir, environment, memoryCapBytes, sandbox, scratchDir, exitWait, List.of(), Secrets.NONE);
    }

    /** A plain configuration: no memory cap, no sandbox, scratch in the system temp directory. */
    public static ReplProcessConfig of(List<String> command, Path workDir) {
        return new ReplProcessConfig(command, workDir, Map.of(), 0, Sandbox.OFF,
                Path.of(System.getProperty("java.io.tmpdir")), Duration.ofSeconds(5));
    }

    public ReplProcessConfig withMemoryCap(long bytes) {
        return new ReplProcessConfig(command, workDir, environment, bytes, sandbox, scratchDir, exitWait, readOnlyPaths,
                secrets);
    }

    public ReplProcessConfig withSandbox(Sandbox s, Path scratch) {
        return new ReplProcessConfig(command, workDir, environment, memoryCapBytes, s, scratch, exitWait, readOnlyPaths,
                secrets);
    }

    public ReplProcessConfig withEnvironment(Map<String, String> env) {
        return new ReplProcessConfig(command, workDir, env, memoryCapBytes, sandbox, scratchDir, exitWait, readOnlyPaths,
                secrets);
    }

    public ReplProcessConfig withSecrets(Secrets s) {
        return new ReplProcessConfig(command, workDir, environment, memoryCapBytes, sandbox, scratchDir, exitWait,
                readOnlyPaths, s);
    }
}
