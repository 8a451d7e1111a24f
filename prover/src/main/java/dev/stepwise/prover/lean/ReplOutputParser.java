package dev.stepwise.prover.lean;

import dev.stepwise.lean.Frame;
import dev.stepwise.lean.ReplCodec;
import dev.stepwise.lean.ReplProtocolException;
import dev.stepwise.lean.ResponseReader;
import dev.stepwise.lean.TruncatedFrameException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * Reads REPL output (a transcript or a captured stdout) and prints one summary line per
 * response. A response that does not decode is reported on the error stream with its position,
 * and reading goes on with the next one.
 */
public final class ReplOutputParser {
    private final ReplCodec codec;

    public ReplOutputParser(ReplCodec codec) {
        this.codec = codec;
    }

    /** What one parse did: responses read and how many of them failed to decode. */
    public record Result(int responses, int failures) {
    }

    /**
     * @param source how error lines name the input (a file name or "stdin")
     */
    public Result parse(BufferedReader in, String source, PrintWriter out, PrintWriter err) {
        ResponseReader reader = new ResponseReader(in);
        int responses = 0;
        int failures = 0;
        while (true) {
            Optional<Frame> next;
            try {
                next = reader.next();
            } catch (TruncatedFrameException e) {
                err.println(source + ": " + e.getMessage());
                failures++;
                responses++;
                break;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + source, e);
            }
            if (next.isEmpty()) {
                break;
            }
            Frame frame = next.get();
            responses++;
            try {
                out.println(codec.compact(ResponseSummary.of(codec.decodeResponse(frame.text())).toJson()));
            } catch (ReplProtocolException | IllegalArgumentException e) {
                err.println(source + ": " + frame.position("response") + ": " + e.getMessage());
                failures++;
            }
        }
        out.flush();
        err.flush();
        return new Result(responses, failures);
    }
}
