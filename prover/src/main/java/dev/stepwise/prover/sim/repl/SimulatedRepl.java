package dev.stepwise.prover.sim.repl;

import dev.stepwise.lean.Frame;
import dev.stepwise.lean.ReplCodec;
import dev.stepwise.lean.RequestReader;
import dev.stepwise.prover.sim.world.World;
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
 * joined), answers each through a world or a recorded transcript, and flushes every response.
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

    private final ReplEngine engine;
    /** When the simulated start ends and requests are read. */
    private final Instant startedBy;

    private SimulatedRepl(ReplEngine engine, Instant startedBy) {
        this.engine = engine;
        this.startedBy = startedBy;
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
        Instant startedBy = processStart.plus(world.latency().replStart());
        return new SimulatedRepl(new WorldEngine(world, new ReplCodec(), faultSeed,
                startedBy.plus(world.latency().headerImport())), startedBy);
    }

    /** A REPL replaying a recorded session; mismatching requests are reported on {@code err}. */
    public static SimulatedRepl forTranscript(Path in, Path expected, PrintStream err) {
        return new SimulatedRepl(new TranscriptEngine(in, expected, new ReplCodec(), err), Instant.MIN);
    }

    public Exit serve(InputStream input, OutputStream output, PrintStream err) {
        Writer out = new OutputStreamWriter(output, StandardCharsets.UTF_8);
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
                        out.flush();
                    }
                    case ReplAnswer.Crash c -> {
                        out.write(c.partial());
                        out.flush();
                        err.println(c.stderr());
                        err.flush();
                        return Exit.CRASH;
                    }
                    case ReplAnswer.Hang h -> {
                        out.flush();
                        while (true) {
                            Thread.sleep(Duration.ofHours(1));
                        }
                    }
                    case ReplAnswer.End e -> {
                        return Exit.END;
                    }
                }
            }
            return Exit.END;
        } catch (IOException e) {
            throw new UncheckedIOException("simulated REPL: cannot read or write its streams", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Exit.END;
        }
    }
}
