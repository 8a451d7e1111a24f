package dev.stepwise.lean;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The variables {@code lake env} sets for a project ({@code LEAN_PATH}, {@code LEAN_SYSROOT},
 * {@code PATH}, {@code LD_LIBRARY_PATH}, ...), read once from Lake and then given to every REPL,
 * which is started as its binary directly: a REPL starts without a Lake process in front of it,
 * and no Lake runs inside the sandbox, where it might try to write trace files of the package
 * configurations into the read-only project.
 *
 * <p>Lake's own words (leanprover/lean4, {@code src/lake/Lake/CLI/Help.lean}, {@code helpEnv}):
 * "A bare {@code lake env} will print out the variables set and their values, using the form
 * NAME=VALUE like the POSIX {@code env} command"; {@code src/lake/Lake/CLI/Main.lean}
 * ({@code lake.env}) prints {@code Workspace.augmentedEnvVars} that way, a variable Lake unsets
 * (value {@code none}) as {@code NAME=} with nothing after it. Which variables those are changes
 * between Lake versions ({@code LAKE_CACHE_DIR}, {@code LAKE_ARTIFACT_CACHE} are recent), so the
 * list is taken from Lake, never hard-coded.
 *
 * @param variables the variables with a value, in Lake's order; unset ones are left out
 */
public record LakeEnvironment(Map<String, String> variables) {
    private static final int ERROR_LINES = 5;

    public LakeEnvironment {
        variables = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(variables));
    }

    /**
     * Runs {@code lake env} (bare) in {@code projectRoot} with the allow-listed part of
     * {@code tools}' environment, and reads what it prints.
     *
     * @throws ReplStartException if Lake cannot run, fails, or does not answer within {@code timeout}
     */
    public static LakeEnvironment compute(Path lake, Path projectRoot, HostTools tools, Secrets secrets, Duration timeout) {
        ProcessBuilder pb = new ProcessBuilder(lake.toString(), "env").directory(projectRoot.toFile());
        pb.environment().clear();
        pb.environment().putAll(ReplEnvironment.allowListed(tools.environment()));
        String what = "'" + lake + " env' in " + projectRoot;
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new ReplStartException("cannot read the REPL's environment: " + what + " did not start: " + e.getMessage(), e);
        }
        // Both pipes are drained on their own threads while the wait below keeps the deadline.
        try (ExecutorService readers = Executors.newVirtualThreadPerTaskExecutor()) {
            p.getOutputStream().close();
            CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> readAll(p.getInputStream()), readers);
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()), readers);
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                throw new ReplStartException("cannot read the REPL's environment: " + what + " did not finish within "
                        + timeout.toSeconds() + " s", null);
            }
            if (p.exitValue() != 0) {
                List<String> lines = err.join().lines().filter(l -> !l.isBlank()).toList();
                String tail = String.join(" | ", lines.subList(Math.max(0, lines.size() - ERROR_LINES), lines.size()));
                throw new ReplStartException(secrets.redact("cannot read the REPL's environment: " + what + " exited with "
                        + p.exitValue() + (tail.isEmpty() ? "" : ": " + tail)), null);
            }
            return parse(out.join());
        } catch (IOException e) {
            throw new ReplStartException("cannot read the REPL's environment: " + what + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new ReplStartException("interrupted while reading the REPL's environment from " + what, e);
        }
    }

    /** Reads {@code NAME=VALUE} lines; {@code NAME=} (Lake's unset) and lines that are not assignments are left out. */
    static LakeEnvironment parse(String output) {
        Map<String, String> vars = new LinkedHashMap<>();
        for (String line : output.split("\n")) {
            int eq = line.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String name = line.substring(0, eq).strip();
            String value = line.substring(eq + 1).stripTrailing();
            if (name.matches("[A-Za-z_][A-Za-z0-9_]*") && !value.isEmpty()) {
                vars.put(name, value);
            }
        }
        return new LakeEnvironment(vars);
    }

    /**
     * What a sandboxed REPL must be able to read besides the project: the toolchain
     * ({@code LEAN_SYSROOT}) and every directory of {@code LEAN_PATH} and {@code LD_LIBRARY_PATH}
     * that exists (most lie inside the project, some in the toolchain).
     */
    public List<Path> readOnlyPaths() {
        List<Path> paths = new ArrayList<>();
        addExisting(paths, variables.get("LEAN_SYSROOT"));
        addExisting(paths, variables.get("LEAN_PATH"));
        addExisting(paths, variables.get("LD_LIBRARY_PATH"));
        return List.copyOf(paths);
    }

    private static void addExisting(List<Path> into, String searchPath) {
        if (searchPath == null) {
            return;
        }
        for (String entry : searchPath.split(java.io.File.pathSeparator)) {
            try {
                Path p = Path.of(entry);
                if (p.isAbsolute() && Files.exists(p) && !into.contains(p)) {
                    into.add(p);
                }
            } catch (InvalidPathException e) {
                // not a path this machine can have: nothing to bind
            }
        }
    }

    private static String readAll(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
