package dev.stepwise.lean;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Objects;

/**
 * Writes responses byte for byte as the REPL prints them: Lean's {@code Json.pretty} layout
 * (width 80, keys in Lean's order), a newline, and the empty line that ends a response. The
 * simulated REPL answers through this class, so its output matches the recorded transcripts.
 */
public final class ResponseWriter {
    private final ReplCodec codec;

    public ResponseWriter(ReplCodec codec) {
        this.codec = Objects.requireNonNull(codec, "codec");
    }

    /** The response's frame: its Lean layout followed by {@code "\n\n"}. */
    public String frame(ReplResponse response) {
        return frame(codec.toJson(response));
    }

    /** Any JSON value framed as a response (for replies the typed records cannot express). */
    public String frame(JsonNode json) {
        return layout(json) + "\n\n";
    }

    /** Lean's {@code Json.pretty} layout of a value, without a trailing newline. */
    public String layout(JsonNode json) {
        return LeanJsonLayout.pretty(json);
    }

    /** Writes and flushes one framed response. */
    public void write(ReplResponse response, Writer out) {
        writeFrame(frame(response), out);
    }

    public void write(JsonNode json, Writer out) {
        writeFrame(frame(json), out);
    }

    private static void writeFrame(String frame, Writer out) {
        try {
            out.write(frame);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a REPL response", e);
        }
    }
}
