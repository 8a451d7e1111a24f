package dev.stepwise.prover.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepwise.lean.ReplCodec;
import dev.stepwise.lean.ReplProtocolException;
import dev.stepwise.lean.ReplRequest;
import dev.stepwise.lean.ReplResponse;
import dev.stepwise.lean.RequestWriter;
import dev.stepwise.lean.ResponseReader;
import dev.stepwise.lean.TruncatedFrameException;
import dev.stepwise.prover.sim.model.ModelDialect;
import dev.stepwise.prover.sim.world.Faults;
import dev.stepwise.prover.sim.world.World;
import dev.stepwise.prover.sim.world.WorldFile;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Crashes, hangs, garbage and memory growth of real simulated REPL processes started from a {@link SimulatedStack}. */
class FaultyReplProcessTest {
    private static final ReplCodec CODEC = new ReplCodec();
    private static final RequestWriter REQUESTS = new RequestWriter(CODEC);

    /** One REPL process with a client-side reader, as a pool would hold it. */
    private static final class Client implements AutoCloseable {
        final Process process;
        final Writer in;
        final ResponseReader out;

        Client(SimulatedStack stack) {
            process = ReplProcesses.start(stack.replCommand());
            in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
            out = new ResponseReader(new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)));
        }

        ReplResponse ask(ReplRequest r) throws Exception {
            REQUESTS.write(r, in);
            return CODEC.decodeResponse(out.next().orElseThrow().text());
        }

        @Override
        public void close() {
            ReplProcesses.kill(process);
        }
    }

    private static SimulatedStack stack(Path dir, Faults faults) {
        World w = TinyWorld.world(TinyWorld.noLatency(), faults);
        Path file = dir.resolve("w.json");
        new WorldFile().write(w, file);
        return SimulatedStack.start(file, ModelDialect.VLLM);
    }

    private static Faults only(double crash, double hang, double garbage, long memory) {
        return new Faults(crash, hang, garbage, memory, 0, 0, 0, 0, Duration.ZERO);
    }

    private static ReplRequest start() {
        return ReplRequest.Command.in(0, TinyWorld.STATEMENT + "\n  sorry");
    }

    @Test
    void aCrashDiesMidResponse(@TempDir Path dir) throws Exception {
        try (SimulatedStack stack = stack(dir, only(1, 0, 0, 0)); Client c = new Client(stack)) {
            assertEquals(new ReplResponse.CommandResult(0), c.ask(ReplRequest.Command.fresh(TinyWorld.HEADER)));
            REQUESTS.write(start(), c.in);
            assertThrows(TruncatedFrameException.class, c.out::next);
            assertTrue(c.process.waitFor(30, TimeUnit.SECONDS));
            assertEquals(134, c.process.exitValue());
            String err = new String(c.process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(err.contains("Stack overflow detected. Aborting. (simulated crash)"), err);
        }
    }

    @Test
    void aHangNeverAnswers(@TempDir Path dir) throws Exception {
        try (SimulatedStack stack = stack(dir, only(0, 1, 0, 0)); Client c = new Client(stack)) {
            c.ask(ReplRequest.Command.fresh(TinyWorld.HEADER));
            REQUESTS.write(start(), c.in);
            var exec = Executors.newVirtualThreadPerTaskExecutor();
            Future<?> answer = exec.submit(() -> c.out.next());
            assertThrows(TimeoutException.class, () -> answer.get(1, TimeUnit.SECONDS));
            assertTrue(c.process.isAlive());
            c.close();
            assertFalse(c.process.isAlive());
            exec.shutdownNow();
        }
    }

    @Test
    void garbageDoesNotDecode(@TempDir Path dir) throws Exception {
        try (SimulatedStack stack = stack(dir, only(0, 0, 1, 0)); Client c = new Client(stack)) {
            c.ask(ReplRequest.Command.fresh(TinyWorld.HEADER));
            assertThrows(ReplProtocolException.class, () -> c.ask(start()));
        }
    }

    @Test
    void residentMemoryGrowsWithEveryCommand(@TempDir Path dir) throws Exception {
        long perCommand = 16L << 20;
        try (SimulatedStack stack = stack(dir, only(0, 0, 0, perCommand)); Client c = new Client(stack)) {
            c.ask(ReplRequest.Command.fresh(TinyWorld.HEADER));
            long before = rss(c.process.pid());
            for (int i = 0; i < 8; i++) {
                c.ask(ReplRequest.Command.in(0, "#check Nat"));
            }
            long grown = rss(c.process.pid()) - before;
            assertTrue(grown >= 7 * perCommand, "RSS grew by " + (grown >> 20) + " MiB after 8 commands of 16 MiB");
        }
    }

    /** Resident set size from /proc, as the pool's recycling reads it. */
    private static long rss(long pid) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
            }
        }
        throw new AssertionError("no VmRSS for " + pid);
    }
}
