package dev.stepwise.prover.lean;

import dev.stepwise.lean.LeanProject;
import dev.stepwise.lean.ReplVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The Lake projects of an installation, side by side: {@code lean-projects/NAME/}, one per
 * Lean/Mathlib pin, as {@code make lean LEAN_VERSION=… [MATHLIB=…]} sets them up. The single
 * {@code lean-project/} of earlier Stepwise is one of them while it holds a set-up (its
 * {@code .lake/} directory): a user who built it keeps it, with whatever version it pins, and
 * a fresh checkout's unbuilt copy is not listed.
 */
public final class InstalledProjects {
    /** Where {@code make lean} puts each project. */
    public static final String DIRECTORY = "lean-projects";
    /** The one project of earlier Stepwise. */
    public static final String LEGACY = "lean-project";
    /** What {@code make lean} sets up without LEAN_VERSION (the Makefile's default; miniF2F's target). */
    public static final ReplVersion DEFAULT_VERSION = new ReplVersion(4, 24, 0, 0);

    private final Path home;

    /** @param home the installation */
    public InstalledProjects(Path home) {
        this.home = home;
    }

    /** Every project, {@code lean-projects/} in name order, then the legacy one if it was set up. */
    public List<LeanProject> all() {
        List<LeanProject> out = new ArrayList<>();
        Path dir = home.resolve(DIRECTORY);
        if (Files.isDirectory(dir)) {
            try (Stream<Path> s = Files.list(dir)) {
                s.filter(p -> Files.isRegularFile(p.resolve("lakefile.toml"))).sorted().map(LeanProject::new).forEach(out::add);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + dir, e);
            }
        }
        legacy().ifPresent(out::add);
        return List.copyOf(out);
    }

    /** {@code lean-project/} when a user set it up with an earlier Stepwise. */
    public Optional<LeanProject> legacy() {
        Path legacy = home.resolve(LEGACY);
        return Files.isDirectory(legacy.resolve(".lake")) ? Optional.of(new LeanProject(legacy)) : Optional.empty();
    }

    /**
     * The project named {@code name}: a directory of {@code lean-projects/} (e.g. {@code v4.24.0}
     * or {@code v4.9.0-rc1-xinhjBrant-2f65ba7}), else the one project whose Lean version it is.
     */
    public Optional<LeanProject> named(String name) {
        Path dir = home.resolve(DIRECTORY).resolve(name);
        if (Files.isRegularFile(dir.resolve("lakefile.toml"))) {
            return Optional.of(new LeanProject(dir));
        }
        Optional<ReplVersion> version = ReplVersion.find(name).filter(v -> v.toString().equals(name) || ("v" + name).equals(v.toString()));
        if (version.isEmpty()) {
            return Optional.empty();
        }
        List<LeanProject> same = all().stream().filter(p -> p.leanVersion().equals(version)).toList();
        return same.size() == 1 ? Optional.of(same.getFirst()) : Optional.empty();
    }

    /**
     * The project used when neither the dataset nor the user chose one: {@code lean-projects/v4.24.0},
     * else {@code lean-project/} (a user's existing set-up keeps working; on a machine with no
     * set-up at all, starting Lean there says to run {@code make lean}, as before).
     */
    public LeanProject fallback() {
        Path current = home.resolve(DIRECTORY).resolve(DEFAULT_VERSION.toString());
        if (Files.isRegularFile(current.resolve("lakefile.toml"))) {
            return new LeanProject(current);
        }
        return new LeanProject(home.resolve(LEGACY));
    }
}
