package dev.stepwise.prover.sim.repl;

import dev.stepwise.lean.Frame;
import dev.stepwise.lean.ReplCodec;
import dev.stepwise.lean.ReplProtocolException;
import dev.stepwise.lean.ReplRequest;
import dev.stepwise.lean.ReplResponse;
import dev.stepwise.lean.RequestReader;
import dev.stepwise.lean.ResponseReader;
import dev.stepwise.lean.ResponseWriter;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Serves the recorded answers of a real REPL session: the n-th request gets the n-th recorded
 * response, byte for byte, when it equals the n-th recorded request. A request that does not
 * match is reported on stderr and answered with the recorded response of an equal unused
 * request if there is one, else with an error message.
 */
final class TranscriptEngine implements ReplEngine {
    private final ReplCodec codec;
    private final ResponseWriter writer;
    private final PrintStream err;
    private final String name;
    private final List<ReplRequest> requests = new ArrayList<>();
    private final List<String> responses = new ArrayList<>();
    private final boolean[] used;
    private int next;

    TranscriptEngine(Path in, Path expected, ReplCodec codec, PrintStream err) {
        this.codec = codec;
        this.writer = new ResponseWriter(codec);
        this.err = err;
        this.name = in.getFileName().toString();
        try {
            RequestReader rr = new RequestReader(new BufferedReader(new StringReader(Files.readString(in, StandardCharsets.UTF_8))));
            for (Optional<Frame> f = rr.next(); f.isPresent(); f = rr.next()) {
                if (!f.get().text().isEmpty()) {
                    requests.add(parse(f.get(), in));
                }
            }
            ResponseReader resp = new ResponseReader(new BufferedReader(new StringReader(Files.readString(expected, StandardCharsets.UTF_8))));
            for (Optional<Frame> f = resp.next(); f.isPresent(); f = resp.next()) {
                responses.add(f.get().text() + "\n\n");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read transcript " + in + " / " + expected, e);
        }
        if (requests.size() != responses.size()) {
            throw new IllegalArgumentException(in + " has " + requests.size() + " requests but " + expected + " has "
                    + responses.size() + " responses");
        }
        this.used = new boolean[requests.size()];
    }

    private ReplRequest parse(Frame f, Path file) {
        try {
            return codec.decodeRequest(f.text());
        } catch (ReplProtocolException e) {
            throw new IllegalArgumentException(file + ": " + f.position("request") + ": " + e.getMessage(), e);
        }
    }

    @Override
    public ReplAnswer answer(Frame request) {
        if (request.text().isEmpty()) {
            return new ReplAnswer.End();
        }
        ReplRequest got;
        try {
            got = codec.decodeRequest(request.text());
        } catch (ReplProtocolException e) {
            err.println("simulated REPL (transcript " + name + "): " + request.position("request") + " is not a request: "
                    + e.getMessage());
            return reply("Lean error:\nsimulated REPL (transcript): not a REPL request");
        }
        int i = next++;
        if (i < requests.size() && !used[i] && requests.get(i).equals(got)) {
            used[i] = true;
            return new ReplAnswer.Reply(responses.get(i));
        }
        err.println("simulated REPL (transcript " + name + "): " + request.position("request")
                + (i < requests.size() ? " does not match recorded request " + (i + 1) + ": got " + codec.encodeRequest(got)
                        + ", recorded " + codec.encodeRequest(requests.get(i))
                        : " is beyond the " + requests.size() + " recorded requests: " + codec.encodeRequest(got)));
        for (int j = 0; j < requests.size(); j++) {
            if (!used[j] && requests.get(j).equals(got)) {
                used[j] = true;
                err.println("simulated REPL (transcript " + name + "): answering with the response to recorded request " + (j + 1));
                return new ReplAnswer.Reply(responses.get(j));
            }
        }
        return reply("Lean error:\nsimulated REPL (transcript): no recorded answer for this request");
    }

    private ReplAnswer reply(String message) {
        return new ReplAnswer.Reply(writer.frame(new ReplResponse.ErrorMessage(message)));
    }
}
