package dev.stepwise.prover.sim;

import dev.stepwise.prover.cli.Main;
import java.util.List;

/**
 * The command line running {@code stepwise ARGS} in a fresh JVM, for tests that go through the
 * whole command line: the simulator itself names no class of the CLI, so the tests name its main
 * class here.
 */
public final class StepwiseJvm {
    private StepwiseJvm() {
    }

    public static List<String> command(List<String> args) {
        return SimulatedStack.javaCommand(Main.class.getName(), args);
    }
}
