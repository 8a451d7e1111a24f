package dev.stepwise.prover.sim.model;

import dev.stepwise.prover.sim.train.AdapterFile;
import java.nio.file.Path;

/** Reads a simulated adapter directory into what it changes in the world's weights; a bad one is refused with IllegalArgumentException. */
final class AdapterReader {
    private final AdapterFile adapterFile = new AdapterFile();
    private final StateLocator locator;

    AdapterReader(StateLocator locator) {
        this.locator = locator;
    }

    Boosts read(Path dir) {
        return Boosts.of(adapterFile.read(dir), locator);
    }
}
