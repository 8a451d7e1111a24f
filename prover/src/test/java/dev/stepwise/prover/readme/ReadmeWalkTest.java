package dev.stepwise.prover.readme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepwise.prover.cli.CliHarness;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The README's walk marks read as {@link ReadmeWalkIT} runs them (fast, without running them): the
 * README's marks are well formed, every printed promise is shown in its paragraph, every skip says
 * why; and a promised line with {@code …} matches what it stands for and nothing else.
 */
class ReadmeWalkTest {

    @Test
    void theReadmesWalkIsWellFormedRunsBeforeItsPromisesAndSaysWhyItSkips() throws Exception {
        ReadmeWalk walk = ReadmeWalk.parse(Files.readAllLines(CliHarness.repoRoot().resolve("README.md"), StandardCharsets.UTF_8));
        assertTrue(walk.steps().size() >= 10, walk.steps().toString());
        boolean ran = false;
        for (ReadmeWalk.Step s : walk.steps()) {
            switch (s) {
                case ReadmeWalk.Run r -> ran = true;
                case ReadmeWalk.Skip k -> assertFalse(k.reason().isBlank(), "README.md:" + k.line());
                case ReadmeWalk.Output o -> assertTrue(ran && !o.lines().isEmpty(), "README.md:" + o.line());
                case ReadmeWalk.Prints p -> assertTrue(ran, "README.md:" + p.line() + ": a promise before any block runs");
                case ReadmeWalk.PrintsFile f -> assertTrue(ran && Files.isRegularFile(CliHarness.repoRoot().resolve(f.path())),
                        "README.md:" + f.line() + ": " + f.path());
            }
        }
    }

    @Test
    void anEllipsisStandsForAnyTextOnOneLine() {
        List<String> out = List.of("wrote SIMULATED world /tmp/x/.stepwise/world.json: 244 theorems (176 provable), 5856 states, seed 1",
                "round   1 | ++++   21 new   ");
        assertTrue(ReadmeWalk.printed("wrote SIMULATED world …/.stepwise/world.json: 244 theorems (176 provable), 5856 states, seed 1",
                out));
        assertTrue(ReadmeWalk.printed("round   1 | ++++   21 new", out), "trailing spaces do not count");
        assertFalse(ReadmeWalk.printed("wrote SIMULATED world …/.stepwise/world.json: 243 theorems", out));
        assertFalse(ReadmeWalk.printed("round 1 | ++++", out), "spacing counts");
    }

    @Test
    void aMarkWithoutItsBlockOrAPromiseTheProseDoesNotShowIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> ReadmeWalk.parse(List.of("<!-- walk -->", "text")));
        assertThrows(IllegalArgumentException.class, () -> ReadmeWalk.parse(List.of("<!-- walk: skip -->", "```", "x", "```")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ReadmeWalk.parse(List.of("<!-- walk: prints 42 -->", "It prints `41`.")));
        assertTrue(e.getMessage().startsWith("README.md:1: the paragraph after the mark does not show `42`"), e.getMessage());
        assertEquals(List.of(new ReadmeWalk.Run(1, "echo hi\n"), new ReadmeWalk.Prints(5, "hi")),
                ReadmeWalk.parse(List.of("<!-- walk -->", "```", "echo hi", "```", "<!-- walk: prints hi -->", "It prints `hi`."))
                        .steps());
    }
}
