package dev.stepwise.lean;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads the REPL's responses: lines up to an empty line, joined with {@code \n}. Tolerates
 * {@code \r\n}. Not thread-safe: one reader per stream.
 */
public final class ResponseReader {
    private final BufferedReader in;
    private int lineNumber;
    private int count;

    public ResponseReader(BufferedReader in) {
        this.in = Objects.requireNonNull(in, "in");
    }

    /**
     * The next response's text, or empty at the end of the stream between responses.
     *
     * @throws TruncatedFrameException if the stream ends inside a response
     * @throws IOException if reading fails
     */
    public Optional<Frame> next() throws IOException {
        List<String> lines = new ArrayList<>();
        int first = 0;
        while (true) {
            String line = in.readLine();
            if (line == null) {
                if (lines.isEmpty()) {
                    return Optional.empty();
                }
                throw new TruncatedFrameException(new Frame(String.join("\n", lines), count + 1, first));
            }
            lineNumber++;
            if (line.isBlank()) {
                if (lines.isEmpty()) {
                    continue; // a stray empty line between responses carries nothing
                }
                count++;
                return Optional.of(new Frame(String.join("\n", lines), count, first));
            }
            if (lines.isEmpty()) {
                first = lineNumber;
            }
            lines.add(line);
        }
    }
}
