package dev.stepwise.prover.sim.world;

/** A world file that cannot be read: the message names the file and, where known, the line. */
public final class WorldFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public WorldFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
