package dev.stepwise.prover.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepwise.lean.Frame;
import dev.stepwise.lean.ReplCodec;
import dev.stepwise.lean.ReplResponse;
import dev.stepwise.lean.ResponseReader;
import dev.stepwise.prover.cli.CliHarness;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The simulated REPL in transcript mode is a real subprocess that replays every recorded REPL
 * session shipped with the bridge's tests: what it prints decodes exactly as the recording does.
 */
class TranscriptReplProcessTest {
    private static final ReplCodec CODEC = new ReplCodec();

    private static Path fixtures() {
        return CliHarness.repoRoot().resolve("lean-bridge/src/test/resources/lean-repl/test");
    }

    private static List<Path> recorded() throws IOException {
        try (Stream<Path> s = Files.walk(fixtures())) {
            return s.filter(p -> p.getFileName().toString().endsWith(".expected.out")).sorted().toList();
        }
    }

    private static Path inputOf(Path expected) {
        String name = expected.getFileName().toString();
        return expected.resolveSibling(name.substring(0, name.length() - ".expected.out".length()) + ".in");
    }

    private record Run(int exit, String out, String err) {
    }

    private static Run replay(List<String> command, Path in, byte[] stdin) {
        Process p = ReplProcesses.start(command);
        try {
            var err = p.getErrorStream();
            Future<byte[]> errBytes = Executors.newVirtualThreadPerTaskExecutor().submit(err::readAllBytes);
            try (OutputStream o = p.getOutputStream()) {
                o.write(stdin);
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                throw new AssertionError(in + ": the simulated REPL did not exit");
            }
            return new Run(p.exitValue(), out, new String(errBytes.get(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new AssertionError(in + ": " + e, e);
        } finally {
            ReplProcesses.kill(p);
        }
    }

    private static List<ReplResponse> decode(String text) throws IOException {
        ResponseReader r = new ResponseReader(new BufferedReader(new StringReader(text)));
        List<ReplResponse> out = new ArrayList<>();
        for (Optional<Frame> f = r.next(); f.isPresent(); f = r.next()) {
            out.add(CODEC.decodeResponse(f.get().text()));
        }
        return out;
    }

    @Test
    @Tag("slow") // one JVM per shipped transcript
    void replaysEveryShippedTranscriptThroughARealProcess() throws Exception {
        List<Path> all = recorded();
        assertTrue(all.size() >= 45, "expected the shipped transcripts, found " + all.size());
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<String>> checks = new ArrayList<>();
            for (Path expected : all) {
                checks.add(pool.submit(() -> {
                    Path in = inputOf(expected);
                    Run run = replay(SimulatedStack.transcriptReplCommand(in, expected), in, Files.readAllBytes(in));
                    String recorded = Files.readString(expected, StandardCharsets.UTF_8);
                    assertEquals(0, run.exit(), expected + ": " + run.err());
                    assertEquals("", run.err(), expected + ": every request matched its recording");
                    assertEquals(decode(recorded), decode(run.out()), expected.toString());
                    assertEquals(recorded, run.out(), expected + ": byte for byte");
                    return expected.getFileName().toString();
                }));
            }
            for (Future<String> f : checks) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aRequestThatDoesNotMatchIsReportedOnStderr() {
        Path expected = fixtures().resolve("proof_step.expected.out");
        Path in = inputOf(expected);
        // Through the full command line this time: 'stepwise sim repl --transcript IN OUT'.
        Run run = replay(StepwiseJvm.command(List.of("sim", "repl", "--transcript", in.toString(), expected.toString())), in,
                "{\"cmd\" : \"def f : Nat := by sorry\"}\n\n{\"tactic\": \"omega\", \"proofState\": 0}\n\n".getBytes(StandardCharsets.UTF_8));
        assertEquals(0, run.exit());
        assertTrue(run.err().contains("simulated REPL (transcript proof_step.in): request 2 (line 3) does not match recorded request 2: "
                + "got {\"tactic\":\"omega\",\"proofState\":0}, recorded {\"tactic\":\"apply Int.natAbs\",\"proofState\":0}"), run.err());
        assertTrue(run.out().endsWith("{\"message\":\n \"Lean error:\\nsimulated REPL (transcript): no recorded answer for this request\"}\n\n")
                || run.out().endsWith("{\"message\": \"Lean error:\\nsimulated REPL (transcript): no recorded answer for this request\"}\n\n"),
                run.out());
    }
}
