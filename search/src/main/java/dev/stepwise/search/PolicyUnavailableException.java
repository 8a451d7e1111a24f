package dev.stepwise.search;

/**
 * The policy could not answer and retrying later may help (model server down, overloaded past its
 * retries, circuit open). A search that meets it ends with a failure that the caller may retry.
 */
public class PolicyUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public PolicyUnavailableException(String message) {
        super(message);
    }

    public PolicyUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
