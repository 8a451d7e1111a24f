package dev.stepwise.lean;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The REPL's recorded transcripts in test resources ({@code lean-repl/}, Apache-2.0, see its README). */
final class RecordedTranscripts {
    private RecordedTranscripts() {
    }

    static Path root() {
        try {
            return Path.of(RecordedTranscripts.class.getResource("/lean-repl/test").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every {@code X.expected.out}, sorted. */
    static List<Path> outputs() {
        return files(".expected.out");
    }

    /** Every {@code X.in}, sorted. */
    static List<Path> inputs() {
        return files(".in");
    }

    private static List<Path> files(String suffix) {
        try (Stream<Path> s = Files.walk(root())) {
            return s.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path input(Path output) {
        String name = output.getFileName().toString();
        return output.resolveSibling(name.substring(0, name.length() - ".expected.out".length()) + ".in");
    }

    static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Frame> responses(Path output) {
        return responses(read(output));
    }

    static List<Frame> responses(String text) {
        try {
            ResponseReader r = new ResponseReader(new BufferedReader(new StringReader(text)));
            List<Frame> frames = new ArrayList<>();
            for (var f = r.next(); f.isPresent(); f = r.next()) {
                frames.add(f.get());
            }
            return frames;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Frame> requests(Path input) {
        try {
            RequestReader r = new RequestReader(new BufferedReader(new StringReader(read(input))));
            List<Frame> frames = new ArrayList<>();
            for (var f = r.next(); f.isPresent(); f = r.next()) {
                frames.add(f.get());
            }
            return frames;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String name(Path p) {
        return root().relativize(p).toString();
    }
}
