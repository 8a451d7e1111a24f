package dev.stepwise.iteration;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The directory of one round ({@code <rounds>/round-0003/}) and the JSON outputs its stages leave
 * there. Outputs are written whole under a temporary name and then moved into place, so a file
 * that exists is complete.
 */
final class RoundFiles {
    static final String SELECTION = "select.json";
    static final String SEARCH = "search.json";
    static final String HARVEST = "harvest.json";
    static final String CONJECTURE = "conjecture.json";
    static final String CONJECTURE_DIR = "conjecture";
    static final String FILTER = "filter.json";
    static final String EXPORT_DIR = "export";
    static final String THOUGHTS = "thoughts.json";
    static final String THOUGHTS_DIR = "thoughts";
    static final String TRAIN_DIR = "train";
    static final String CHECKPOINT = "checkpoint.json";
    static final String EVALUATION = "evaluate.json";
    static final String SUMMARY = "summary.md";

    private final Path dir;
    private final ObjectMapper json;

    RoundFiles(Path roundsDir, int number, ObjectMapper json) {
        this.dir = roundsDir.resolve(String.format("round-%04d", number));
        this.json = Objects.requireNonNull(json, "json");
    }

    Path dir() {
        return dir;
    }

    Path path(String name) {
        return dir.resolve(name);
    }

    void write(String name, Object value) {
        try {
            Files.createDirectories(dir);
            Exporter.writeAtomically(path(name), out -> out.write(json.writerWithDefaultPrettyPrinter().writeValueAsString(value)));
        } catch (IOException e) {
            throw new IterationException(IterationException.Kind.ENVIRONMENT, "cannot write " + path(name) + ": " + e.getMessage(), e);
        }
    }

    <T> T read(String name, Class<T> type) {
        Path p = path(name);
        try {
            return json.readValue(p.toFile(), type);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + p + " (written by an earlier stage of the round): " + e.getMessage(), e);
        }
    }
}
