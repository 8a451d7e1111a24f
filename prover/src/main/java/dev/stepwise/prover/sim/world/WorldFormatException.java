package dev.stepwise.prover.sim.world;

import dev.stepwise.prover.exit.ExitCode;
import dev.stepwise.prover.exit.UserError;
/** A world file that cannot be read: the message names the file and, where known, the line. */
public final class WorldFormatException extends UserError {
    private static final long serialVersionUID = 1L;

    public WorldFormatException(String message, Throwable cause) {
        super(ExitCode.USAGE, message, cause);
    }
}
