package dev.stepwise.lean;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How to start one REPL process.
 *
 * @param command the REPL command line (default: {@code lake env <repl binary>} in the Lake project)
 * @param workDir where it runs (the Lake project root)
 * @param environment extra environment variables
 * @param memoryCapBytes address-space cap per process ({@code prlimit --as}); 0 = no cap
 * @param sandbox whether to run it under bwrap
 * @param scratchDir the only writable directory inside the sandbox
 * @param exitWait how long to wait for a process to go after it is killed or closes its output
 */
public record ReplProcessConfig(List<String> command, Path workDir, Map<String, String> environment,
        long memoryCapBytes, Sandbox sandbox, Path scratchDir, Duration exitWait) {

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
    }

    /** A plain configuration: no memory cap, no sandbox, scratch in the system temp directory. */
    public static ReplProcessConfig of(List<String> command, Path workDir) {
        return new ReplProcessConfig(command, workDir, Map.of(), 0, Sandbox.OFF,
                Path.of(System.getProperty("java.io.tmpdir")), Duration.ofSeconds(5));
    }

    public ReplProcessConfig withMemoryCap(long bytes) {
        return new ReplProcessConfig(command, workDir, environment, bytes, sandbox, scratchDir, exitWait);
    }

    public ReplProcessConfig withSandbox(Sandbox s, Path scratch) {
        return new ReplProcessConfig(command, workDir, environment, memoryCapBytes, s, scratch, exitWait);
    }
}
