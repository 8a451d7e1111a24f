package dev.stepwise.prover.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A world file that cannot be read is bad input (exit 2, one line naming the file), on every command that takes one. */
class MalformedWorldTest {
    @TempDir
    Path dir;

    private void refused(CliHarness.Result r, String world) {
        assertEquals(2, r.exitCode(), r.out() + r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("stepwise: " + world), r.err());
    }

    @Test
    void eachCommandRefusesABrokenWorldAsBadInput() throws IOException {
        Path world = Files.writeString(dir.resolve("broken.json"), "{\"seed\": 1, \"theorems\": [");
        CliHarness cli = new CliHarness(dir);
        refused(cli.run("eval", "--dataset", "minif2f-test", "--limit", "1", "--simulate", world.toString()), world.toString());
        refused(cli.run("iterate", "--pool", "minif2f-valid", "--simulate", world.toString()), world.toString());
        refused(cli.run("sim", "model", "--world", world.toString(), "--port", "0"), world.toString());
    }

    @Test
    void aWorldWithAnUnknownFieldIsBadInputToo() throws IOException {
        Path world = Files.writeString(dir.resolve("odd.json"), "{\"seed\": 1, \"no_such_field\": true}");
        refused(new CliHarness(dir).run("eval", "--dataset", "minif2f-test", "--limit", "1", "--simulate", world.toString()),
                world.toString());
    }
}
