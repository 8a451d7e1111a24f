package dev.stepwise.prover.eval;

/** The run is being run right now by another Stepwise process (it holds the run's lock). */
public final class RunBusyException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RunBusyException(String message) {
        super(message);
    }
}
