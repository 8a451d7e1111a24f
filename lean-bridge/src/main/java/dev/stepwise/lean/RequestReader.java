package dev.stepwise.lean;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads requests the way the REPL does: physical lines up to a blank line, each with trailing
 * whitespace removed, joined without any separator (so a raw newline inside a JSON string is
 * lost, exactly as in the REPL). A blank line on its own is an empty request ({@code text} "").
 * At the end of the stream the request read so far is returned, as the REPL processes it.
 */
public final class RequestReader {
    private final BufferedReader in;
    private int lineNumber;
    private int count;

    public RequestReader(BufferedReader in) {
        this.in = Objects.requireNonNull(in, "in");
    }

    /** The next request's text, or empty at the end of the stream. */
    public Optional<Frame> next() throws IOException {
        StringBuilder text = new StringBuilder();
        int first = 0;
        while (true) {
            String line = in.readLine();
            if (line == null) {
                if (first == 0) {
                    return Optional.empty();
                }
                count++;
                return Optional.of(new Frame(text.toString(), count, first));
            }
            lineNumber++;
            if (first == 0) {
                first = lineNumber;
            }
            if (line.isBlank()) {
                count++;
                return Optional.of(new Frame(text.toString(), count, first));
            }
            text.append(stripTrailing(line));
        }
    }

    /** Lean's {@code String.trimRight}: space, tab, CR and LF. */
    private static String stripTrailing(String line) {
        int end = line.length();
        while (end > 0) {
            char c = line.charAt(end - 1);
            if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
                break;
            }
            end--;
        }
        return line.substring(0, end);
    }
}
