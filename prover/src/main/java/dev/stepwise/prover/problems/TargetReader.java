package dev.stepwise.prover.problems;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What Lean a user's own statement file says it was written for:
 * <ul>
 * <li>a {@code .lean} file: the line comments {@code -- lean-target: v4.28.0} and, optionally,
 * {@code -- mathlib-target: OWNER/REPO@REV} (default: Mathlib of the same tag), anywhere in the file;</li>
 * <li>a {@code .jsonl} file: the fields {@code "lean"} and, optionally, {@code "mathlib"} on its
 * rows, as in datasets/catalog.json; rows that state one must all state the same;</li>
 * <li>a directory: what its {@code .lean} files state, which must agree.</li>
 * </ul>
 * A file that states nothing has no target; the run then uses the default project and records it.
 */
public final class TargetReader {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LEAN = Pattern.compile("(?m)^\\s*--\\s*lean-target:\\s*(\\S+)\\s*$");
    private static final Pattern MATHLIB = Pattern.compile("(?m)^\\s*--\\s*mathlib-target:\\s*(\\S+)\\s*$");

    private TargetReader() {
    }

    /** @throws ProblemFileException if the file states a target badly or two different ones */
    public static Optional<LeanTarget> read(Path path) {
        try {
            if (Files.isDirectory(path)) {
                List<Path> files;
                try (Stream<Path> s = Files.list(path)) {
                    files = s.filter(p -> p.toString().endsWith(".lean") && !p.toString().endsWith(".proved.lean")).sorted().toList();
                }
                Optional<LeanTarget> found = Optional.empty();
                for (Path f : files) {
                    found = agree(found, fromLean(f), f);
                }
                return found;
            }
            String name = path.getFileName().toString();
            if (name.endsWith(".jsonl") || name.endsWith(".json")) {
                return fromJsonl(path);
            }
            return name.endsWith(".lean") ? fromLean(path) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    private static Optional<LeanTarget> fromLean(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        Matcher lean = LEAN.matcher(text);
        if (!lean.find()) {
            return Optional.empty();
        }
        Matcher mathlib = MATHLIB.matcher(text);
        return Optional.of(target(lean.group(1), mathlib.find() ? mathlib.group(1) : lean.group(1), file, 0));
    }

    private static Optional<LeanTarget> fromJsonl(Path file) throws IOException {
        Optional<LeanTarget> found = Optional.empty();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            JsonNode row;
            try {
                row = JSON.readTree(lines.get(i));
            } catch (JsonProcessingException e) {
                continue; // the problem reader reports it
            }
            if (row == null || !row.path("lean").isTextual()) {
                continue;
            }
            String lean = row.path("lean").asText();
            LeanTarget t = target(lean, row.path("mathlib").isTextual() ? row.path("mathlib").asText() : lean, file, i + 1);
            found = agree(found, Optional.of(t), file);
        }
        return found;
    }

    private static LeanTarget target(String lean, String mathlib, Path file, int line) {
        try {
            return new LeanTarget(lean, mathlib);
        } catch (IllegalArgumentException e) {
            throw new ProblemFileException(List.of(new Defect(file.toString(), line, 0, "lean target: " + e.getMessage())));
        }
    }

    private static Optional<LeanTarget> agree(Optional<LeanTarget> so, Optional<LeanTarget> next, Path where) {
        if (so.isPresent() && next.isPresent() && !so.equals(next)) {
            throw new ProblemFileException(List.of(new Defect(where.toString(), 0, 0, "states " + next.get()
                    + " where the rest states " + so.get() + "; one run needs one Lean")));
        }
        return so.isPresent() ? so : next;
    }
}
