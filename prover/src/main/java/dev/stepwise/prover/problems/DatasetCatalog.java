package dev.stepwise.prover.problems;

import dev.stepwise.prover.exit.ExitCode;
import dev.stepwise.prover.exit.UserError;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The named datasets shipped in {@code datasets/} (listed in {@code datasets/catalog.json}) and
 * user files: a name resolves through the catalog, anything else is a path to a {@code .jsonl}
 * file, a {@code .lean} statement file, or a directory of {@code .lean} files.
 */
public final class DatasetCatalog {

    /** One catalog entry: where the file is and what Lean/Mathlib it targets. */
    public record Entry(String name, Path path, String lean, String mathlib, String source, String licence) {
        /** The Lean and Mathlib the dataset was written for. */
        public LeanTarget target() {
            return new LeanTarget(lean, mathlib);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path home;
    private final Path workDir;

    public DatasetCatalog(Path home) {
        this(home, Path.of("").toAbsolutePath());
    }

    /**
     * @param home the installation holding {@code datasets/catalog.json}
     * @param workDir the directory user paths are resolved against
     */
    public DatasetCatalog(Path home, Path workDir) {
        this.home = home;
        this.workDir = workDir;
    }

    public List<Entry> entries() {
        Path catalog = home.resolve("datasets").resolve("catalog.json");
        if (!Files.isRegularFile(catalog)) {
            throw new ProblemFileException(List.of(new Defect(catalog.toString(), 1, 0,
                    "dataset catalog not found; is the Stepwise installation complete?")));
        }
        try {
            JsonNode root = JSON.readTree(catalog.toFile());
            List<Entry> entries = new ArrayList<>();
            for (JsonNode d : root.path("datasets")) {
                entries.add(new Entry(d.path("name").asText(), home.resolve("datasets").resolve(d.path("path").asText()),
                        d.path("lean").asText(), d.path("mathlib").asText(), d.path("source").asText(),
                        d.path("licence").asText()));
            }
            return List.copyOf(entries);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + catalog, e);
        }
    }

    public Optional<Entry> find(String name) {
        return entries().stream().filter(e -> e.name().equals(name)).findFirst();
    }

    /**
     * What Lean a named dataset or a user's file was written for: the catalog's entry, or what
     * the file states ({@link TargetReader}); empty when it states nothing.
     */
    public Optional<LeanTarget> target(String nameOrPath) {
        Optional<Entry> entry = find(nameOrPath);
        if (entry.isPresent()) {
            return Optional.of(entry.get().target());
        }
        Path path = workDir.resolve(nameOrPath);
        return Files.exists(path) ? TargetReader.read(path) : Optional.empty();
    }

    /** The problems of a named dataset or a path. */
    public List<Problem> load(String nameOrPath) {
        return loadSet(nameOrPath).problems();
    }

    public ProblemSet loadSet(String nameOrPath) {
        Optional<Entry> entry = find(nameOrPath);
        if (entry.isPresent()) {
            return loadPath(entry.get().path(), entry.get().name());
        }
        Path path = workDir.resolve(nameOrPath);
        if (!Files.exists(path)) {
            throw new UnknownDatasetException("unknown dataset '" + nameOrPath + "': not a dataset name ("
                    + String.join(", ", entries().stream().map(Entry::name).toList())
                    + ") nor an existing .jsonl/.lean file or directory");
        }
        return loadPath(path, nameOrPath);
    }

    /** Loads a file by its extension, or every {@code .lean} file of a directory in name order. */
    public static ProblemSet loadPath(Path path, String label) {
        if (Files.isDirectory(path)) {
            List<Path> files;
            try (Stream<Path> s = Files.list(path)) {
                // Outputs of earlier 'prove' runs are not statement files.
                files = s.filter(p -> p.toString().endsWith(".lean") && !p.toString().endsWith(".proved.lean")).sorted().toList();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + path, e);
            }
            if (files.isEmpty()) {
                throw new ProblemFileException(List.of(new Defect(path.toString(), 0, 0, "directory has no .lean files")));
            }
            List<Problem> all = new ArrayList<>();
            List<String> notes = new ArrayList<>();
            List<Defect> defects = new ArrayList<>();
            for (Path f : files) {
                try {
                    ProblemSet set = loadPath(f, f.toString());
                    all.addAll(set.problems());
                    notes.addAll(set.notes());
                } catch (ProblemFileException e) {
                    defects.addAll(e.defects());
                }
            }
            if (!defects.isEmpty()) {
                throw new ProblemFileException(defects);
            }
            long distinct = all.stream().map(Problem::name).distinct().count();
            if (distinct != all.size()) {
                throw new ProblemFileException(List.of(new Defect(path.toString(), 0, 0,
                        "the same theorem name appears in two files of the directory")));
            }
            return new ProblemSet(label, all, notes);
        }
        String name = path.getFileName().toString();
        String text = readUtf8(path);
        if (name.endsWith(".jsonl") || name.endsWith(".json")) {
            return JsonlProblemReader.read(text, path.toString());
        }
        if (name.endsWith(".lean")) {
            return new ProblemSet(path.toString(), LeanFileParser.problems(text, path.toString()), List.of());
        }
        throw new ProblemFileException(List.of(new Defect(path.toString(), 0, 0,
                "unsupported file type; expected a .jsonl problem file or a .lean statement file")));
    }

    private static String readUtf8(Path path) {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(path))).toString();
        } catch (CharacterCodingException e) {
            throw new ProblemFileException(List.of(new Defect(path.toString(), 0, 0, "not valid UTF-8")));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    /** A name that is neither in the catalog nor an existing path. */
    public static final class UnknownDatasetException extends UserError {
        private static final long serialVersionUID = 1L;

        UnknownDatasetException(String message) {
            super(ExitCode.USAGE, message);
        }
    }
}
