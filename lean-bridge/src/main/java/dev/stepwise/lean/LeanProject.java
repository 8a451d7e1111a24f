package dev.stepwise.lean;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/** The Lake project the REPL runs in: where its parts are and what it pins. */
public record LeanProject(Path root) {
    /** Where {@code lake build REPL} puts the binary, relative to the project root. */
    public static final String REPL_BINARY = ".lake/packages/REPL/.lake/build/bin/repl";

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
