package dev.stepwise.lean;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/** The Lake project the REPL runs in: where its parts are and what it pins. */
public record LeanProject(Path root) {
    /**
     * Where {@code lake build repl} puts the binary, relative to the project root. Lake resolves a
     * name to a target before a package, and the REPL package declares {@code lean_lib REPL} and
     * {@code lean_exe repl} (leanprover-community/repl lakefile.toml, every tag from v4.9.0 to
     * v4.33.0-rc2): {@code lake build REPL} builds only the library, the lower-case executable
     * target builds this binary.
     */
    public static final String REPL_BINARY = ".lake/packages/REPL/.lake/build/bin/repl";
    /** The REPL's main loop in its package checkout, where the flush fix lands. */
    static final String REPL_MAIN_SOURCE = ".lake/packages/REPL/REPL/Main.lean";

    /** The REPL version the project runs and where it was read. */
    public record ReplRelease(ReplVersion version, String from) {
        public ReplRelease {
            Objects.requireNonNull(version, "version");
            Objects.requireNonNull(from, "from");
        }
    }

    public LeanProject {
        Objects.requireNonNull(root, "root");
    }

    public Path lakefile() {
        return root.resolve("lakefile.toml");
    }

    public Path replBinary() {
        return root.resolve(REPL_BINARY);
    }

    /** The toolchain pinned in {@code lean-toolchain}, e.g. {@code leanprover/lean4:v4.24.0}. */
    public Optional<String> toolchain() {
        return firstLine(root.resolve("lean-toolchain"));
    }

    /** Mathlib's revision as resolved in {@code lake-manifest.json} (written by {@code lake update}). */
    public Optional<String> mathlibRevision() {
        Path manifest = root.resolve("lake-manifest.json");
        if (!Files.isRegularFile(manifest)) {
            return Optional.empty();
        }
        try {
            JsonNode json = new ObjectMapper().readTree(manifest.toFile());
            for (JsonNode p : json.path("packages")) {
                if (p.path("name").asText().equalsIgnoreCase("mathlib")) {
                    String rev = p.path("rev").asText("");
                    String input = p.path("inputRev").asText("");
                    return Optional.of(input.isEmpty() ? rev : input + " (" + rev + ")");
                }
            }
        } catch (IOException e) {
            return Optional.of("unreadable lake-manifest.json: " + e.getMessage());
        }
        return Optional.empty();
    }

    private Optional<JsonNode> manifestPackage(String name) {
        Path manifest = root.resolve("lake-manifest.json");
        if (!Files.isRegularFile(manifest)) {
            return Optional.empty();
        }
        try {
            for (JsonNode p : new ObjectMapper().readTree(manifest.toFile()).path("packages")) {
                if (p.path("name").asText().equals(name)) {
                    return Optional.of(p);
                }
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /** The Lean version pinned in {@code lean-toolchain} ({@code leanprover/lean4:v4.24.0} gives v4.24.0). */
    public Optional<ReplVersion> leanVersion() {
        return toolchain().flatMap(ReplVersion::find);
    }

    /**
     * Mathlib as {@code make lean} pins it in lakefile.toml: its tag ({@code v4.24.0}) when the
     * require is leanprover-community/mathlib4, else {@code OWNER/REPO@REV} (a fork at a commit,
     * as the DeepSeek-Prover stack's {@code xinhjBrant/mathlib4@2f65ba7}); the way
     * datasets/catalog.json writes a dataset's {@code mathlib}.
     */
    public Optional<String> mathlibPin() {
        Optional<String> rev = requireField("mathlib", "rev");
        if (rev.isEmpty()) {
            return Optional.empty();
        }
        String repo = requireField("mathlib", "git").orElse("")
                .replaceFirst("^https?://github\\.com/", "").replaceFirst("\\.git$", "").replaceFirst("/$", "");
        return Optional.of(repo.isEmpty() || repo.equals("leanprover-community/mathlib4") ? rev.get() : repo + "@" + rev.get());
    }

    /** The {@code rev} of the {@code [[require]]} named {@code name} in lakefile.toml. */
    private Optional<String> requireRev(String name) {
        return requireField(name, "rev");
    }

    /** A string field of the {@code [[require]]} named {@code name} in lakefile.toml. */
    private Optional<String> requireField(String name, String field) {
        List<String> lines;
        try {
            lines = Files.isRegularFile(lakefile()) ? Files.readAllLines(lakefile(), StandardCharsets.UTF_8) : List.of();
        } catch (IOException e) {
            return Optional.empty();
        }
        boolean inRequire = false;
        boolean named = false;
        String rev = null;
        for (String raw : lines) {
            String line = raw.strip();
            if (line.startsWith("[")) {
                if (inRequire && named && rev != null) {
                    return Optional.of(rev);
                }
                inRequire = line.equals("[[require]]");
                named = false;
                rev = null;
            } else if (inRequire && line.matches("name\\s*=\\s*\"" + Pattern.quote(name) + "\"")) {
                named = true;
            } else if (inRequire && line.matches(Pattern.quote(field) + "\\s*=.*")) {
                rev = line.replaceFirst("^" + Pattern.quote(field) + "\\s*=\\s*\"([^\"]*)\".*$", "$1");
            }
        }
        return inRequire && named && rev != null ? Optional.of(rev) : Optional.empty();
    }

    /**
     * The REPL version: the REPL package's tag in {@code lake-manifest.json} (what {@code lake
     * update} resolved), else the REPL require's {@code rev} in {@code lakefile.toml}, else the
     * toolchain (REPL tags are named after the Lean version they build with).
     */
    public Optional<ReplRelease> replVersion() {
        Optional<ReplRelease> manifest = manifestPackage("REPL")
                .flatMap(p -> ReplVersion.find(p.path("inputRev").asText("")))
                .map(v -> new ReplRelease(v, "lake-manifest.json"));
        if (manifest.isPresent()) {
            return manifest;
        }
        Optional<ReplRelease> lakefile = requireRev("REPL").flatMap(ReplVersion::find)
                .map(v -> new ReplRelease(v, "lakefile.toml"));
        if (lakefile.isPresent()) {
            return lakefile;
        }
        return toolchain().flatMap(ReplVersion::find).map(v -> new ReplRelease(v, "lean-toolchain"));
    }

    /**
     * Why the REPL of this project cannot serve Stepwise, if it cannot: a tag before v4.10.0
     * whose checked-out source still lacks the per-response flush (leanprover-community/repl
     * commit 4fc1e6d) writes its answers into a block buffer, and a reader of the pipe waits
     * for them forever. {@code make lean} applies that commit; nothing is said while the source
     * is not there yet (the binary check reports that).
     */
    public Optional<String> replUnusableReason() {
        Optional<ReplRelease> release = replVersion();
        Path main = root.resolve(REPL_MAIN_SOURCE);
        if (release.isEmpty() || release.get().version().flushesEachResponse() || !Files.isRegularFile(main)) {
            return Optional.empty();
        }
        try {
            if (Files.readString(main, StandardCharsets.UTF_8).contains(".flush")) {
                return Optional.empty();
            }
        } catch (IOException e) {
            return Optional.of("cannot read " + main + ": " + e.getMessage());
        }
        ReplVersion v = release.get().version();
        return Optional.of("the REPL " + v + " does not flush its output after each response (tags before "
                + ReplVersion.FLUSHES + "), so every answer would wait in a buffer; run 'make lean LEAN_VERSION=" + v
                + "' again, which applies the REPL's flush fix (commit 4fc1e6d)");
    }

    /** Whether Mathlib's build outputs are there (from {@code lake exe cache get} and {@code lake build}). */
    public boolean mathlibBuilt() {
        return Files.isDirectory(root.resolve(".lake/packages/mathlib/.lake/build/lib"));
    }

    public boolean replBuilt() {
        return Files.isExecutable(replBinary());
    }

    /** {@code lake} on PATH, else where elan installs it. */
    public static Optional<Path> findLake(HostTools tools, Path userHome) {
        Optional<Path> onPath = tools.find("lake");
        if (onPath.isPresent()) {
            return onPath;
        }
        Path elan = userHome.resolve(".elan/bin/lake");
        return Files.isExecutable(elan) ? Optional.of(elan) : Optional.empty();
    }

    private static Optional<String> firstLine(Path file) {
        try {
            return Files.isRegularFile(file)
                    ? Files.readAllLines(file, StandardCharsets.UTF_8).stream().map(String::strip)
                            .filter(l -> !l.isEmpty()).findFirst()
                    : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
