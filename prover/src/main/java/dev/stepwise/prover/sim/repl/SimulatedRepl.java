package dev.stepwise.prover.sim.repl;

import dev.stepwise.lean.Frame;
import dev.stepwise.lean.ReplCodec;
import dev.stepwise.lean.RequestReader;
import dev.stepwise.prover.sim.world.World;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One simulated Lean REPL process: reads requests as the REPL does (lines up to an empty line,
 * joined), answers each through a world or a recorded transcript, and flushes every response,
 * unless it acts as a REPL tag that does not (before v4.10.0 without the flush fix): then its
 * answers wait in the output buffer, as Lean's block-buffered stdout on a pipe makes them wait.
 * A crash or running out of memory ends {@link #serve} with an exit the caller turns into an
 * abrupt process exit; a hang blocks forever, as a stuck Lean does.
 */
public final class SimulatedRepl {

    /** How serving ended. */
    public enum Exit {
        /** The input ended, or an empty request came. */
        END(0),
        /** A simulated crash: the process must die at once with this code. */
        CRASH(134),
        /** The memory the simulated REPL holds ran past the JVM's limit, as the OOM killer would end Lean. */
        OUT_OF_MEMORY(137);

        private final int code;

        Exit(int code) {
            this.code = code;
        }

        public int code() {
            return code;
        }
    }

    /** The size of the stdout buffer of a REPL that does not flush (glibc's buffer for a pipe is a page). */
    private static final int BLOCK_BUFFER = 4096;

    private final ReplEngine engine;
    /** When the simulated start ends and requests are read. */
    private final Instant startedBy;
    private final boolean flushEachResponse;

    private SimulatedRepl(ReplEngine engine, Instant startedBy, boolean flushEachResponse) {
        this.engine = engine;
        this.startedBy = startedBy;
        this.flushEachResponse = flushEachResponse;
    }

    /** A REPL acting out {@code world}; {@code faultSeed} decides which commands crash, hang or print garbage. */
    public static SimulatedRepl forWorld(World world, long faultSeed) {
        return forWorld(world, faultSeed, Instant.now());
    }

    /**
     * A REPL acting out {@code world} in a process that began at {@code processStart}. The world's
     * start and first header import are timed from then, so the JVM's own start and the reading
     * of the world count towards them instead of adding to them: the simulated process is ready
     * when the world says, unless the host cannot even start a JVM that fast.
     */
    public static SimulatedRepl forWorld(World world, long faultSeed, Instant processStart) {
        return forWorld(world, ReplDialect.pinned(), faultSeed, processStart);
    }

    /** The same, acting as the REPL of {@code dialect} (its status field, sorry warning and flushing). */
    public static SimulatedRepl forWorld(World world, ReplDialect dialect, long faultSeed, Instant processStart) {
        Instant startedBy = processStart.plus(world.latency().replStart());
        return new SimulatedRepl(new WorldEngine(world, dialect, new ReplCodec(), faultSeed,
                startedBy.plus(world.latency().headerImport())), startedBy, dialect.flushesEachResponse());
    }

    /** A REPL replaying a recorded session; mismatching requests are reported on {@code err}. */
    public static SimulatedRepl forTranscript(Path in, Path expected, PrintStream err) {
        return new SimulatedRepl(new TranscriptEngine(in, expected, new ReplCodec(), err), Instant.MIN, true);
    }

    public Exit serve(InputStream input, OutputStream output, PrintStream err) {
        // A REPL that does not flush writes into a block buffer, as C stdio does on a pipe; the
        // writer's own small buffer alone would let each answer through as it grows.
        Writer out = new OutputStreamWriter(flushEachResponse ? output : new BufferedOutputStream(output, BLOCK_BUFFER),
                StandardCharsets.UTF_8);
        RequestReader requests = new RequestReader(new BufferedReader(new InputStreamReader(input, StandardCharsets.UTF_8)));
        try {
            Duration start = Instant.MIN.equals(startedBy) ? Duration.ZERO : Duration.between(Instant.now(), startedBy);
            if (start.isPositive()) {
                Thread.sleep(start);
            }
            for (Optional<Frame> f = requests.next(); f.isPresent(); f = requests.next()) {
                long readAt = System.nanoTime();
                ReplAnswer answer;
                try {
                    answer = engine.answer(f.get());
                } catch (OutOfMemoryError e) {
                    err.println("simulated REPL: out of memory (the memory it holds grew past the JVM's limit)");
                    err.flush();
                    return Exit.OUT_OF_MEMORY;
                }
                long left = readAt + engine.takeLeanTime().toNanos() - System.nanoTime();
                if (left > 0) {
                    Thread.sleep(Duration.ofNanos(left));
                }
                switch (answer) {
                    case ReplAnswer.Reply r -> {
                        out.write(r.frame());
                        if (flushEachResponse) {
                            out.flush();
                        }
                    }
                    case ReplAnswer.Crash c -> {
                        out.write(c.partial());
                        out.flush();
                        err.println(c.stderr());
                        err.flush();
                        return Exit.CRASH;
                    }
                    case ReplAnswer.Hang h -> {
                        if (flushEachResponse) {
                            out.flush();
                        }
                        while (true) {
                            Thread.sleep(Duration.ofHours(1));
                        }
                    }
                    case ReplAnswer.End e -> {
                        out.flush();
                        return Exit.END;
                    }
                }
            }
            // a normal exit flushes what a non-flushing REPL still holds, as the C runtime does
            out.flush();
            return Exit.END;
        } catch (IOException e) {
            throw new UncheckedIOException("simulated REPL: cannot read or write its streams", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Exit.END;
        }
    }
}
