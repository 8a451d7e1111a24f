package dev.stepwise.iteration;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a round exported: each file with its format, split, line count and SHA-256, and where the
 * data came from (round, pool, model, template, configuration).
 */
public record ExportManifest(int round, String template, Map<String, String> provenance, List<FileEntry> files) {

    public record FileEntry(String name, ExportFormat format, Split split, int count, String sha256) {
        public FileEntry {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(format, "format");
            Objects.requireNonNull(split, "split");
            Objects.requireNonNull(sha256, "sha256");
        }
    }

    public ExportManifest {
        Objects.requireNonNull(template, "template");
        // Sorted, so that the manifest's bytes never depend on the JVM's hash order (a resumed round writes the same file).
        provenance = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(provenance));
        files = List.copyOf(files);
    }

    public int count(ExportFormat format, Split split) {
        return files.stream().filter(f -> f.format() == format && f.split() == split).mapToInt(FileEntry::count).sum();
    }

    /**
     * Examples written to one side of the split. Every format of a kind holds each example of that
     * kind once (SFT pairs are written both as prompt/completion and as chat), so one format per kind counts.
     */
    public int examples(Split split) {
        int n = 0;
        for (ExampleKind kind : ExampleKind.values()) {
            for (ExportFormat f : ExportFormat.values()) {
                if (f.kind() == kind) {
                    n += count(f, split);
                    break;
                }
            }
        }
        return n;
    }

    public FileEntry file(ExportFormat format, Split split) {
        return files.stream().filter(f -> f.format() == format && f.split() == split).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("manifest has no " + format.fileName(split)));
    }

    public String summary() {
        StringBuilder b = new StringBuilder();
        for (ExportFormat f : ExportFormat.values()) {
            if (!b.isEmpty()) {
                b.append(", ");
            }
            b.append(f.code()).append(' ').append(count(f, Split.TRAIN)).append('/').append(count(f, Split.VALID));
        }
        return b.append(" (train/valid)").toString();
    }
}
