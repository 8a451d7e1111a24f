package dev.stepwise.lean;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Objects;

/**
 * Frames requests as the REPL reads them: one line of JSON and one empty line. Never a second
 * empty line (an empty request ends or breaks the REPL) and never a raw newline inside the JSON
 * (the REPL joins a request's lines without newlines, so {@code by⏎sorry} would become
 * {@code bysorry}).
 */
public final class RequestWriter {
    private final ReplCodec codec;

    public RequestWriter(ReplCodec codec) {
        this.codec = Objects.requireNonNull(codec, "codec");
    }

    /** The request's frame: its JSON line followed by {@code "\n\n"}. */
    public String frame(ReplRequest request) {
        String line = codec.encodeRequest(request);
        if (line.indexOf('\n') >= 0 || line.indexOf('\r') >= 0) {
            throw new IllegalStateException("an encoded request contains a raw line break: " + ReplCodec.abbreviate(line));
        }
        return line + "\n\n";
    }

    /** Writes and flushes one framed request. */
    public void write(ReplRequest request, Writer out) throws IOException {
        out.write(frame(request));
        out.flush();
    }

    /** As {@link #write}, for callers that have no use for the checked exception. */
    public void writeUnchecked(ReplRequest request, Writer out) {
        try {
            write(request, out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a REPL request", e);
        }
    }
}
