package dev.stepwise.lean;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * This machine as REPL processes see it: the helper programs they are wrapped in ({@code setsid},
 * {@code prlimit}, {@code bwrap}, {@code lake}) and the environment Stepwise itself runs with, of
 * which a REPL gets only an allow-listed part ({@link ReplEnvironment}).
 */
public final class HostTools {
    private final String path;
    private final Map<String, String> environment;

    /** Tools on {@code path}; the environment is that PATH alone. */
    public HostTools(String path) {
        this(path, path == null ? Map.of() : Map.of("PATH", path));
    }

    /** Tools on {@code path}, in a process environment {@code environment} (what REPLs would inherit from). */
    public HostTools(String path, Map<String, String> environment) {
        this.path = path == null ? "" : path;
        this.environment = Map.copyOf(environment);
    }

    public static HostTools fromEnvironment() {
        return new HostTools(System.getenv("PATH"), System.getenv());
    }

    /** Stepwise's own environment, secrets included: never hand it to a REPL as it is. */
    public Map<String, String> environment() {
        return environment;
    }

    /** The executable's path, if it is on PATH. */
    public Optional<Path> find(String program) {
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path p = Path.of(dir, program);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
