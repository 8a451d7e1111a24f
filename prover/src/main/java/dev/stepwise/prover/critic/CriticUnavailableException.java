package dev.stepwise.prover.critic;

/** The critic's server could not be reached or gave an answer that is not a score per input. */
public final class CriticUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CriticUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
