package dev.stepwise.iteration;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Writes the kept examples of a round as JSONL training files, split into train and validation,
 * plus {@code manifest.json}. Prompts are written exactly as harvested, that is, as the template
 * rendered them for the search; completions end with the template's end text ({@link TrainingFormat}). Every file is written to a temporary name and moved into place,
 * so a killed export never leaves a half file that looks complete.
 */
public final class Exporter {
    public static final String MANIFEST = "manifest.json";

    private final ObjectMapper json;
    private final double validFraction;
    private final TrainingFormat format;

    public Exporter(ObjectMapper json, double validFraction) {
        this(json, validFraction, TrainingFormat.PLAIN);
    }

    /** @param format the end text the policy's completions are written with */
    public Exporter(ObjectMapper json, double validFraction, TrainingFormat format) {
        this.json = Objects.requireNonNull(json, "json");
        this.format = Objects.requireNonNull(format, "format");
        if (!(validFraction >= 0 && validFraction < 1)) {
            throw new IllegalArgumentException("iterate.valid-fraction must be in [0, 1), got " + validFraction);
        }
        this.validFraction = validFraction;
    }

    public ExportManifest export(List<Example> examples, Path dir, int round, String template, Map<String, String> provenance) {
        return export(examples, dir, round, template, CriticInput.PLAIN, provenance);
    }

    /** @param critic how the critic is asked about a state: critic pairs are written as it will read them */
    public ExportManifest export(List<Example> examples, Path dir, int round, String template, CriticInput critic,
            Map<String, String> provenance) {
        try {
            Files.createDirectories(dir);
            List<ExportManifest.FileEntry> entries = new ArrayList<>();
            for (ExportFormat format : ExportFormat.values()) {
                for (Split split : Split.values()) {
                    List<Example> lines = examples.stream()
                            .filter(e -> e.kind() == format.kind() && Split.of(e.problem(), validFraction) == split)
                            .toList();
                    Path file = dir.resolve(format.fileName(split));
                    writeAtomically(file, out -> {
                        for (Example e : lines) {
                            out.write(json.writeValueAsString(format.line(e, this.format, critic)));
                            out.write('\n');
                        }
                    });
                    entries.add(new ExportManifest.FileEntry(file.getFileName().toString(), format, split, lines.size(),
                            Sha256.ofFile(file)));
                }
            }
            ExportManifest manifest = new ExportManifest(round, template, provenance, entries);
            writeAtomically(dir.resolve(MANIFEST), out -> out.write(json.writerWithDefaultPrettyPrinter().writeValueAsString(manifest)));
            return manifest;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot export training data to " + dir + ": " + e.getMessage(), e);
        }
    }

    interface Body {
        void write(BufferedWriter out) throws IOException;
    }

    static void writeAtomically(Path file, Body body) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (BufferedWriter out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            body.write(out);
        }
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
