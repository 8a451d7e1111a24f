package dev.stepwise.prover.eval;

import dev.stepwise.prover.exit.ExitCode;
import dev.stepwise.prover.exit.UserError;
/** The run is being run right now by another Stepwise process (it holds the run's lock). */
public final class RunBusyException extends UserError {
    private static final long serialVersionUID = 1L;

    public RunBusyException(String message) {
        super(ExitCode.ENVIRONMENT, message);
    }
}
