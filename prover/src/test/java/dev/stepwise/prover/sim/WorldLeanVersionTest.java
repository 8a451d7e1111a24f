package dev.stepwise.prover.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepwise.lean.Frame;
import dev.stepwise.lean.ReplCodec;
import dev.stepwise.lean.ReplRequest;
import dev.stepwise.lean.ReplResponse;
import dev.stepwise.lean.ReplVersion;
import dev.stepwise.lean.RequestWriter;
import dev.stepwise.lean.ResponseReader;
import dev.stepwise.lean.Severity;
import dev.stepwise.prover.lean.LeanVersionProbe;
import dev.stepwise.prover.sim.repl.ReplDialect;
import dev.stepwise.prover.sim.repl.SimulatedRepl;
import dev.stepwise.prover.sim.world.World;
import dev.stepwise.prover.sim.world.WorldFile;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A world says which Lean its statements were written for (optional, so older worlds still
 * load), and the simulated REPL reports its version the way the real one is asked
 * ({@code #eval Lean.versionString}) and answers a statement it does not hold with an error.
 */
class WorldLeanVersionTest {
    private static final ReplCodec CODEC = new ReplCodec();

    private static List<ReplResponse> session(ReplDialect dialect, ReplRequest... requests) throws Exception {
        StringBuilder in = new StringBuilder();
        RequestWriter w = new RequestWriter(CODEC);
        for (ReplRequest r : requests) {
            in.append(w.frame(r));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SimulatedRepl.forWorld(TinyWorld.world(), dialect, 1, Instant.now()).serve(
                new ByteArrayInputStream(in.toString().getBytes(StandardCharsets.UTF_8)), out,
                new PrintStream(new ByteArrayOutputStream()));
        ResponseReader reader = new ResponseReader(new BufferedReader(new StringReader(out.toString(StandardCharsets.UTF_8))));
        List<ReplResponse> responses = new ArrayList<>();
        for (Optional<Frame> f = reader.next(); f.isPresent(); f = reader.next()) {
            responses.add(CODEC.decodeResponse(f.get().text()));
        }
        return responses;
    }

    @Test
    void aWorldWithoutLeanStillLoadsAndIsWrittenAsBefore() {
        WorldFile files = new WorldFile();
        World old = TinyWorld.world();
        String json = new String(files.toBytes(old), StandardCharsets.UTF_8);
        assertFalse(json.contains("\"lean\""), json);
        assertNull(files.parse(json.getBytes(StandardCharsets.UTF_8), "old.json").lean());
    }

    @Test
    void theLeanOfTheStatementsRoundTrips() {
        WorldFile files = new WorldFile();
        World world = TinyWorld.world().withLean("v4.9.0-rc1");
        byte[] bytes = files.toBytes(world);
        assertTrue(new String(bytes, StandardCharsets.UTF_8).contains("\"lean\" : \"v4.9.0-rc1\""));
        assertEquals("v4.9.0-rc1", files.parse(bytes, "w.json").lean());
        assertEquals(world, files.parse(bytes, "w.json"));
    }

    @Test
    void theSimulatedReplReportsItsVersionAsLeanWritesIt() throws Exception {
        ReplResponse answer = session(new ReplDialect(ReplVersion.parse("v4.9.0-rc1"), true),
                ReplRequest.Command.fresh(LeanVersionProbe.COMMAND)).getFirst();
        var result = assertInstanceOf(ReplResponse.CommandResult.class, answer);
        assertEquals(Severity.INFO, result.messages().getFirst().severity());
        assertEquals("\"4.9.0-rc1\"", result.messages().getFirst().data());
        assertEquals(Optional.of(ReplVersion.parse("v4.9.0-rc1")), LeanVersionProbe.read(answer));
    }

    @Test
    void aStatementTheWorldDoesNotHoldDoesNotElaborate() throws Exception {
        List<ReplResponse> answers = session(ReplDialect.pinned(), ReplRequest.Command.fresh(TinyWorld.HEADER),
                ReplRequest.Command.in(0, "theorem other (n : ℕ) : n.fooBar = 0 := by\n  sorry"));
        var result = assertInstanceOf(ReplResponse.CommandResult.class, answers.get(1));
        assertEquals(Severity.ERROR, result.messages().getFirst().severity());
        assertTrue(result.messages().getFirst().data().contains("does not elaborate"), result.messages().toString());
        assertTrue(result.sorries().isEmpty());
    }
}
