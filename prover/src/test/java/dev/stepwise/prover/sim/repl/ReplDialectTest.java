package dev.stepwise.prover.sim.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepwise.lean.ReplCodec;
import dev.stepwise.lean.ReplRequest;
import dev.stepwise.lean.ReplVersion;
import dev.stepwise.lean.RequestWriter;
import dev.stepwise.prover.sim.TinyWorld;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The simulated REPL speaks the dialect of the REPL tag it acts as, on the bytes: the
 * {@code proofStatus} field (from v4.19.0), the sorry warning's quotes (backticks from Lean
 * v4.28.0-rc1) and flushing after each response (from v4.10.0, or with the flush fix).
 */
class ReplDialectTest {
    private static final ReplCodec CODEC = new ReplCodec();

    /** Bytes of the requests; records how much output there was when the last request was asked for. */
    private static final class Requests extends InputStream {
        private final byte[] first;
        private final byte[] last;
        private final ByteArrayOutputStream out;
        private int at;
        private int seenBeforeLast = -1;

        Requests(String first, String last, ByteArrayOutputStream out) {
            this.first = first.getBytes(StandardCharsets.UTF_8);
            this.last = last.getBytes(StandardCharsets.UTF_8);
            this.out = out;
        }

        @Override
        public int read() {
            if (at < first.length) {
                return first[at++] & 0xff;
            }
            if (seenBeforeLast < 0) {
                seenBeforeLast = out.size();
            }
            int i = at++ - first.length;
            return i < last.length ? last[i] & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            // one byte at a time, so nothing of the last request is read before the others are answered
            int c = read();
            if (c < 0) {
                return -1;
            }
            b[off] = (byte) c;
            return 1;
        }
    }

    private record Session(String output, int answeredBeforeLastRequest) {
    }

    private static Session session(ReplDialect dialect) {
        RequestWriter w = new RequestWriter(CODEC);
        String first = w.frame(ReplRequest.Command.fresh(TinyWorld.HEADER))
                + w.frame(ReplRequest.Command.in(0, TinyWorld.STATEMENT + "\n  sorry"))
                + w.frame(new ReplRequest.Tactic("have h₁ : 0 ≤ x ^ 2 := by positivity", 0));
        String last = w.frame(new ReplRequest.Tactic("nlinarith [h₁, h₀]", 1));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Requests in = new Requests(first, last, out);
        SimulatedRepl.forWorld(TinyWorld.world(), dialect, 1, Instant.now())
                .serve(in, out, new PrintStream(new ByteArrayOutputStream()));
        return new Session(out.toString(StandardCharsets.UTF_8), in.seenBeforeLast);
    }

    @ParameterizedTest
    @CsvSource({
        "v4.9.0-rc1, false, false, false",
        "v4.9.0, true, false, false",
        "v4.10.0, false, false, false",
        "v4.19.0-rc2, false, false, false",
        "v4.19.0, false, true, false",
        "v4.24.0, false, true, false",
        "v4.27.0, false, true, false",
        "v4.28.0-rc1, false, true, true",
        "v4.33.0-rc2, false, true, true"})
    void speaksTheDialectOfItsVersion(String version, boolean flushFix, boolean proofStatus, boolean backticks) {
        ReplDialect dialect = new ReplDialect(ReplVersion.parse(version), flushFix);
        Session s = session(dialect);
        assertEquals(proofStatus, s.output().contains("\"proofStatus\""), s.output());
        assertEquals(proofStatus, s.output().contains("\"proofStatus\": \"Completed\""), s.output());
        assertTrue(s.output().contains(backticks ? "declaration uses `sorry`" : "declaration uses 'sorry'"), s.output());
        assertFalse(s.output().contains(backticks ? "declaration uses 'sorry'" : "declaration uses `sorry`"), s.output());
        boolean flushes = flushFix || ReplVersion.parse(version).atLeast(ReplVersion.parse("v4.10.0"));
        // a flushing REPL has answered the first three requests before the fourth is read;
        // one that does not flush still holds them in its buffer
        assertEquals(flushes, s.answeredBeforeLastRequest() > 0, "output before the last request: "
                + s.answeredBeforeLastRequest());
    }
}
