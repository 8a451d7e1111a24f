package dev.stepwise.lean;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Finds the helper programs REPL processes are wrapped in ({@code setsid}, {@code prlimit}, {@code bwrap}). */
public final class HostTools {
    private final String path;

    public HostTools(String path) {
        this.path = path == null ? "" : path;
    }

    public static HostTools fromEnvironment() {
        return new HostTools(System.getenv("PATH"));
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
