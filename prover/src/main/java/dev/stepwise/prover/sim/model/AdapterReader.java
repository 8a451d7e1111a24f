package dev.stepwise.prover.sim.model;

import dev.stepwise.prover.sim.train.AdapterFile;
import dev.stepwise.prover.sim.world.World;
import java.nio.file.Path;

/** Reads a simulated adapter directory into the boosts it gives the world's states; a bad one is refused with IllegalArgumentException. */
final class AdapterReader {
    private final AdapterFile adapterFile = new AdapterFile();
    private final StateLocator locator;
    private final World world;

    AdapterReader(StateLocator locator, World world) {
        this.locator = locator;
        this.world = world;
    }

    Boosts read(Path dir) {
        return Boosts.of(adapterFile.read(dir), locator, world);
    }
}
