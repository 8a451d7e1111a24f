package dev.stepwise.prover.eval;

import dev.stepwise.prover.exit.ExitCode;
import dev.stepwise.prover.exit.UserError;
/** A run name that cannot be used for this request (it belongs to another kind of run). */
public final class RunConflictException extends UserError {
    private static final long serialVersionUID = 1L;

    public RunConflictException(String message) {
        super(ExitCode.USAGE, message);
    }
}
