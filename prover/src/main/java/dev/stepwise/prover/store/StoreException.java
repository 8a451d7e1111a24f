package dev.stepwise.prover.store;

/**
 * A database operation failed for a reason that is not the user's to fix (a constraint broken
 * by a caller, a query the schema does not support): a bug, reported with what was being done.
 * Failures the user can fix (disk full, locked, damaged or foreign file) are
 * {@link DatabaseException}s instead.
 */
public final class StoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
