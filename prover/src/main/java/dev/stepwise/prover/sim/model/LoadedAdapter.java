package dev.stepwise.prover.sim.model;

import java.nio.file.Path;

/** A simulated adapter the server holds: the name requests use, the directory it came from, and what it makes likelier. */
record LoadedAdapter(String name, Path path, Boosts boosts) {
}
