package dev.stepwise.prover.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.stepwise.prover.cli.CliHarness;
import dev.stepwise.prover.sim.world.Faults;
import dev.stepwise.prover.sim.world.World;
import dev.stepwise.prover.sim.world.WorldFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A Lean that breaks while a run uses it: a simulated world of the first {@code problems} miniF2F
 * statements whose every theorem command crashes the REPL, behind a stand-in REPL command that
 * lets two starts succeed (the REPL the run asks which Lean it runs, as {@code lean.repl-command}
 * has no lean-toolchain to read, then the pool's first process) and fails every later one as a
 * broken project does ({@code unknown module prefix Mathlib}).
 */
public final class LeanThatStopsStarting {
    private LeanThatStopsStarting() {
    }

    /** Writes the world and the stand-in under {@code dir}; returns the world file and the REPL command. */
    public static Setup in(Path dir, int problems) throws IOException {
        Path world = dir.resolve("crashing.json");
        var generated = new CliHarness(dir).run("sim", "generate", "--from", "minif2f-test", "--limit", String.valueOf(problems),
                "--seed", "5", "--out", world.toString(), "--header-import", "20ms", "--model-latency", "2ms");
        assertEquals(0, generated.exitCode(), generated.err());
        WorldFile files = new WorldFile();
        World w = files.read(world);
        files.write(w.withFaults(new Faults(1.0, 0, 0, 0, 0, 0, 0, 0, Duration.ofSeconds(1))), world);
        Path script = dir.resolve("repl-twice.sh");
        Files.writeString(script, "#!/bin/sh\n"
                + "n=$(cat \"$0.count\" 2>/dev/null || echo 0); n=$((n + 1)); echo $n > \"$0.count\"\n"
                + "if [ $n -gt 2 ]; then echo 'error: unknown module prefix Mathlib' >&2; exit 1; fi\n"
                + "exec \"$@\"\n");
        script.toFile().setExecutable(true);
        String repl = String.join(",", script.toString(), Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.stepwise.prover.sim.repl.SimulatedReplMain", "--world",
                world.toString());
        return new Setup(world, repl);
    }

    /** @param replCommand the value for {@code lean.repl-command} */
    public record Setup(Path world, String replCommand) {
    }
}
