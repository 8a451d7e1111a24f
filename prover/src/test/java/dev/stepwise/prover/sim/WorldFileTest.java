package dev.stepwise.prover.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.stepwise.prover.sim.world.World;
import dev.stepwise.prover.sim.world.WorldFile;
import dev.stepwise.prover.sim.world.WorldFormatException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorldFileTest {
    private final WorldFile file = new WorldFile();

    @Test
    void writesAndReadsBackTheSameWorld(@TempDir Path dir) {
        Path p = dir.resolve("w.json");
        file.write(TinyWorld.world(), p);
        assertEquals(TinyWorld.world(), file.read(p));
    }

    @Test
    void durationsAreWrittenLikeConfigurationValues() {
        String text = new String(file.toBytes(TinyWorld.world()), StandardCharsets.UTF_8);
        assertEquals(true, text.contains("\"tacticTimeout\" : \"50ms\""), text);
        assertEquals(true, text.contains("\"kind\" : \"cheat\""), text);
    }

    @Test
    void aDanglingStateIsReportedWithItsLine(@TempDir Path dir) throws Exception {
        String text = new String(file.toBytes(TinyWorld.world()), StandardCharsets.UTF_8).replace("\"state\" : \"s1\"",
                "\"state\" : \"s9\"");
        Path p = dir.resolve("bad.json");
        Files.writeString(p, text);
        var e = assertThrows(WorldFormatException.class, () -> file.read(p));
        assertEquals(true, e.getMessage().startsWith(p + ": line "), e.getMessage());
        assertEquals(true, e.getMessage().endsWith(": theorem tiny, state s0, tactic "
                + "'have h₁ : 0 ≤ x ^ 2 := by positivity': next state s9 does not exist"), e.getMessage());
    }

    @Test
    void aNewerVersionIsRefused(@TempDir Path dir) throws Exception {
        String text = new String(file.toBytes(TinyWorld.world()), StandardCharsets.UTF_8).replace("\"version\" : 1", "\"version\" : 2");
        var e = assertThrows(WorldFormatException.class, () -> file.parse(text.getBytes(StandardCharsets.UTF_8), "w.json"));
        assertEquals(true, e.getMessage().startsWith("w.json: line "), e.getMessage());
        assertEquals(true, e.getMessage().endsWith(": world format version 2 is not supported (this Stepwise reads 1..1)"), e.getMessage());
    }

    @Test
    void aWorldWithoutSkillsLoadsWithTheSkillsTheTextsGive(@TempDir Path dir) throws Exception {
        String text = new String(file.toBytes(TinyWorld.world()), StandardCharsets.UTF_8);
        assertEquals(true, text.contains("\"skill\" : \"have:positivity\""), text);
        String old = text.replaceAll(",\\s*\"skill\" : \"[^\"]*\"", "");
        assertEquals(false, old.contains("skill"), old);
        assertEquals(TinyWorld.world(), file.parse(old.getBytes(StandardCharsets.UTF_8), "old.json"));
        World custom = file.parse(text.replace("\"skill\" : \"have:positivity\"", "\"skill\" : \"squares\"")
                .getBytes(StandardCharsets.UTF_8), "w.json");
        assertEquals("squares", custom.theorems().get(0).rootState().tactics().get(0).skill());
        var e = assertThrows(WorldFormatException.class, () -> file.parse(text.replace("\"skill\" : \"have:positivity\"",
                "\"skil\" : \"x\"").getBytes(StandardCharsets.UTF_8), "w.json"));
        assertEquals(true, e.getMessage().endsWith("tactic has an unknown field 'skil' (known: tactic, weight, outcome, skill, thought)"),
                e.getMessage());
    }

    @Test
    void aTacticMayCarryTheThoughtTheModelWritesBeforeIt() {
        String text = new String(file.toBytes(TinyWorld.world()), StandardCharsets.UTF_8);
        // Written only when set: worlds without thoughts keep their bytes.
        assertEquals(false, text.contains("thought"), text);
        World thinking = file.parse(text.replaceFirst("\"skill\" : \"have:positivity\"",
                "\"skill\" : \"have:positivity\", \"thought\" : \"A square is never negative.\"").getBytes(StandardCharsets.UTF_8),
                "w.json");
        var tactics = thinking.theorems().get(0).rootState().tactics();
        assertEquals("A square is never negative.", tactics.get(0).thoughtOrDefault());
        assertEquals(true, new String(file.toBytes(thinking), StandardCharsets.UTF_8).contains("\"thought\" : \"A square is never negative.\""));
        assertEquals("The goal looks like a job for " + tactics.get(1).tactic().split(" ")[0] + ".", tactics.get(1).thoughtOrDefault());
        var e = assertThrows(WorldFormatException.class, () -> file.parse(text.replaceFirst("\"skill\" : \"have:positivity\"",
                "\"skill\" : \"have:positivity\", \"thought\" : 3").getBytes(StandardCharsets.UTF_8), "w.json"));
        assertEquals(true, e.getMessage().endsWith("\"thought\" must be a text"), e.getMessage());
    }

    @Test
    void aMissingFileSaysSo(@TempDir Path dir) {
        var e = assertThrows(WorldFormatException.class, () -> file.read(dir.resolve("none.json")));
        assertEquals(dir.resolve("none.json") + ": no such world file", e.getMessage());
        assertEquals(World.FORMAT, "stepwise-sim-world");
    }
}
