package dev.stepwise.prover.sim.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepwise.lean.Frame;
import dev.stepwise.lean.ReplCodec;
import dev.stepwise.lean.ReplRequest;
import dev.stepwise.lean.RequestWriter;
import dev.stepwise.prover.sim.TinyWorld;
import dev.stepwise.prover.sim.world.Faults;
import dev.stepwise.prover.sim.world.Latency;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The simulated Lean's time is the world's latency counted from when the request was read: the
 * engine only reports it, and the REPL waits out what its own work has not used up.
 */
class LeanTimeTest {
    private static final ReplCodec CODEC = new ReplCodec();

    private static Latency tactics(Duration each) {
        return new Latency(Duration.ZERO, Duration.ZERO, each, each, Duration.ofMillis(50), Duration.ZERO, Duration.ZERO, 8);
    }

    private static Frame frame(ReplRequest r) {
        return new Frame(new RequestWriter(CODEC).frame(r).strip(), 1, 1);
    }

    @Test
    void theEngineReportsTheLeanTimeOfAnAnswerInsteadOfSleepingIt() {
        WorldEngine engine = new WorldEngine(TinyWorld.world(tactics(Duration.ofMinutes(10)), Faults.none()), CODEC, 1,
                Instant.now());
        assertInstanceOf(ReplAnswer.Reply.class, engine.answer(frame(ReplRequest.Command.fresh(TinyWorld.HEADER))));
        assertEquals(Duration.ZERO, engine.takeLeanTime());

        long t0 = System.nanoTime();
        ReplAnswer started = engine.answer(frame(ReplRequest.Command.in(0, TinyWorld.STATEMENT + "\n  sorry")));
        assertTrue(System.nanoTime() - t0 < Duration.ofMinutes(1).toNanos(), "the engine slept the simulated time");
        assertInstanceOf(ReplAnswer.Reply.class, started);
        assertEquals(Duration.ofMinutes(10), engine.takeLeanTime());
        assertEquals(Duration.ZERO, engine.takeLeanTime(), "taken once");
    }

    @Test
    void theReplAnswersNoSoonerThanTheWorldsLatency() {
        Duration each = Duration.ofMillis(120);
        StringBuilder in = new StringBuilder();
        RequestWriter w = new RequestWriter(CODEC);
        in.append(w.frame(ReplRequest.Command.fresh(TinyWorld.HEADER)));
        in.append(w.frame(ReplRequest.Command.in(0, TinyWorld.STATEMENT + "\n  sorry")));
        in.append(w.frame(new ReplRequest.Tactic("have h₁ : 0 ≤ x ^ 2 := by positivity", 0)));
        in.append(w.frame(new ReplRequest.Tactic("nlinarith [h₁, h₀]", 1)));
        long t0 = System.nanoTime();
        SimulatedRepl.Exit exit = SimulatedRepl.forWorld(TinyWorld.world(tactics(each), Faults.none()), 1).serve(
                new ByteArrayInputStream(in.toString().getBytes(StandardCharsets.UTF_8)), new ByteArrayOutputStream(),
                new PrintStream(new ByteArrayOutputStream()));
        long took = System.nanoTime() - t0;
        assertEquals(SimulatedRepl.Exit.END, exit);
        // the start and the two tactics each take the tactic time; the header import takes none here
        assertTrue(took >= each.multipliedBy(3).toNanos(), "three commands of 120 ms answered in " + took / 1_000_000 + " ms");
    }
}
