package dev.stepwise.prover.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.stepwise.lean.HostTools;
import dev.stepwise.lean.ReplVersion;
import dev.stepwise.prover.config.LeanKeys;
import dev.stepwise.prover.lean.LeanSetup;
import dev.stepwise.prover.lean.LeanVersionProbe;
import dev.stepwise.prover.sim.TinyWorld;
import dev.stepwise.prover.sim.world.World;
import dev.stepwise.prover.sim.world.WorldFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A simulated run's Lean version comes from its world file, without a REPL process started in
 * series before the pool, and it is the answer the simulated REPL itself gives when asked; a REPL
 * command other than the simulator's is still asked.
 */
class LeanTargetCheckTest {

    private static Path worldOf(Path dir, String lean) throws Exception {
        // The installation's default project directory, where REPL processes start.
        Files.createDirectories(dir.resolve("lean-project"));
        World tiny = TinyWorld.world();
        World world = new World(tiny.format(), tiny.version(), tiny.simulated(), tiny.model(), tiny.seed(), tiny.source(),
                tiny.latency(), tiny.faults(), tiny.unknownStateTactics(), tiny.theorems(), lean);
        Path file = dir.resolve("world.json");
        new WorldFile().write(world, file);
        return file;
    }

    private static LeanSetup setup(Application app) {
        return new LeanSetup(app.settings(), app.home(), app.workDir(), HostTools.fromEnvironment());
    }

    @Test
    void theSimulatorsVersionIsReadFromTheWorldAndIsWhatItsReplAnswers(@TempDir Path dir) throws Exception {
        Path world = worldOf(dir, "v4.9.0-rc1");
        Application app = Application.create(Map.of(), dir, dir, null, Map.of(LeanKeys.SANDBOX.name(), "off"));
        try (SimulatorSession sim = SimulatorSession.start(app, world)) {
            LeanSetup setup = setup(sim.app());
            Optional<ReplVersion> read = LeanTargetCheck.replVersion(setup, sim);
            assertEquals(Optional.of(ReplVersion.parse("v4.9.0-rc1")), read);
            assertEquals(LeanVersionProbe.ask(setup), read, "the world's answer is the simulated REPL's own");
        }
    }

    @Test
    void aWorldWithoutALeanIsThePinnedVersion(@TempDir Path dir) throws Exception {
        Path world = dir.resolve("tiny.json");
        new WorldFile().write(TinyWorld.world(), world);
        Application app = Application.create(Map.of(), dir, dir, null, Map.of());
        try (SimulatorSession sim = SimulatorSession.start(app, world)) {
            assertEquals(Optional.of(ReplVersion.parse("v4.24.0")), LeanTargetCheck.replVersion(setup(sim.app()), sim));
        }
    }

    @Test
    void aReplCommandSetOverTheSimulatorsIsAskedNotTheWorld(@TempDir Path dir) throws Exception {
        Path world = worldOf(dir, "v4.9.0-rc1");
        // 'false' starts and exits at once: asked, it gives no version; the world would have said v4.9.0-rc1.
        Application app = Application.create(Map.of(), dir, dir, null,
                Map.of(LeanKeys.REPL_COMMAND.name(), "false", LeanKeys.SANDBOX.name(), "off"));
        try (SimulatorSession sim = SimulatorSession.start(app, world)) {
            assertEquals(Optional.empty(), LeanTargetCheck.replVersion(setup(sim.app()), sim));
        }
    }
}
