package dev.stepwise.search;

import java.util.Optional;

/**
 * Decides which suggested tactics never reach the environment. Must be stateless and safe to call
 * from many searches at once.
 */
@FunctionalInterface
public interface CandidateFilter {

    /** Why {@code tactic} must not be tried, or empty when it may be. */
    Optional<String> reject(String tactic);

    /** Lets every tactic through. */
    CandidateFilter NONE = tactic -> Optional.empty();
}
