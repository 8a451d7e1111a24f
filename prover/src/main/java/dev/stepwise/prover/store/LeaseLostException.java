package dev.stepwise.prover.store;

/**
 * A write was refused because its lease is no longer the problem's: it ran out and another worker
 * claimed the problem (or finished it). The writer's result is dropped; the newer holder's stands.
 */
public final class LeaseLostException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public LeaseLostException(String message) {
        super(message);
    }
}
