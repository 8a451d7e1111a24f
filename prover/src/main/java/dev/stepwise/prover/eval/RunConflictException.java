package dev.stepwise.prover.eval;

/** A run name that cannot be used for this request (it belongs to another kind of run). */
public final class RunConflictException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RunConflictException(String message) {
        super(message);
    }
}
