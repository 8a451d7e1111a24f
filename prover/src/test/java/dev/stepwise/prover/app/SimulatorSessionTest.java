package dev.stepwise.prover.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepwise.prover.config.LeanKeys;
import dev.stepwise.prover.config.PolicyKeys;
import dev.stepwise.prover.exit.ExitCode;
import dev.stepwise.prover.exit.UserError;
import dev.stepwise.prover.sim.TinyWorld;
import dev.stepwise.prover.sim.world.Latency;
import dev.stepwise.prover.sim.world.WorldFile;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The simulator's layer of settings: it points a run at the simulator, below {@code --set}. */
class SimulatorSessionTest {

    @Test
    void theSimulatorsSettingsAreALayerBelowSetAndTheWorldStatesItsDeadline(@TempDir Path dir) {
        Path world = dir.resolve("tiny.json");
        new WorldFile().write(TinyWorld.world(), world);
        Application app = Application.create(Map.of(), dir, dir, null, Map.of(PolicyKeys.NAME.name(), "mine"));
        try (SimulatorSession sim = SimulatorSession.start(app, Path.of("tiny.json"))) {
            Duration deadline = TinyWorld.world().latency().tacticDeadline();
            assertEquals(deadline, sim.app().settings().duration(LeanKeys.TACTIC_TIMEOUT));
            assertEquals(sim.stack().modelUrl().toString(), sim.app().settings().strings(PolicyKeys.URLS).get(0));
            assertEquals("mine", sim.app().settings().string(PolicyKeys.NAME), "--set wins over the simulator's layer");
            assertEquals(SimulatorSession.poolSize(Runtime.getRuntime().availableProcessors()),
                    sim.app().settings().integer(LeanKeys.POOL_SIZE));
            assertEquals(Duration.ofMinutes(1), app.settings().duration(LeanKeys.TACTIC_TIMEOUT),
                    "the application the session was given is unchanged");
        }
    }

    @Test
    void aMissingWorldSaysHowToMakeOne(@TempDir Path dir) {
        Application app = Application.create(Map.of(), dir, dir, null, Map.of());
        UserError e = assertThrows(UserError.class,
                () -> SimulatorSession.start(app, Path.of("nowhere.json")));
        assertEquals(ExitCode.USAGE, e.exitCode());
        assertTrue(e.getMessage().contains("stepwise sim generate --from DATASET|FILE --out nowhere.json"), e.getMessage());
    }

    @Test
    void aSimulatedPoolIsTwiceTheCoresAndAtLeastFour() {
        assertEquals(4, SimulatorSession.poolSize(1));
        assertEquals(4, SimulatorSession.poolSize(2));
        assertEquals(16, SimulatorSession.poolSize(8));
    }

    @Test
    void aWorldsDeadlineIsTwentyFiveOfItsSlowestTacticsAndAtLeastTwoSeconds() {
        Latency quick = Latency.quick();
        assertEquals(Duration.ofSeconds(2), quick.tacticDeadline());
        Latency slow = new Latency(Duration.ZERO, Duration.ZERO, Duration.ofMillis(100), Duration.ofMillis(400),
                Duration.ofHours(1), Duration.ZERO, Duration.ZERO, 1);
        assertEquals(Duration.ofSeconds(10), slow.tacticDeadline());
    }
}
