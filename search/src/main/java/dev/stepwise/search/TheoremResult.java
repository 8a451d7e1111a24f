package dev.stepwise.search;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the attempts on one theorem gave.
 *
 * @param winningAttempt the attempt whose accepted proof settled the theorem, or {@link #NONE}
 * @param attempts the attempts that ran, in the order they finished
 * @param attemptsNotRun attempts never started (the theorem was settled first, or shutdown)
 */
public record TheoremResult(Theorem theorem, int winningAttempt, List<AttemptResult> attempts, int attemptsNotRun) {
    public static final int NONE = -1;

    public TheoremResult {
        Objects.requireNonNull(theorem, "theorem");
        attempts = List.copyOf(attempts);
        if (winningAttempt != NONE && attempts.stream().noneMatch(a -> a.attempt() == winningAttempt && a.result().proved())) {
            throw new IllegalArgumentException("winning attempt " + winningAttempt + " has no proof among the attempts");
        }
    }

    public boolean proved() {
        return winningAttempt != NONE;
    }

    public Optional<SearchResult> winner() {
        return attempts.stream().filter(a -> a.attempt() == winningAttempt).map(AttemptResult::result).findFirst();
    }

    public Optional<Proof> proof() {
        return winner().flatMap(SearchResult::proof);
    }
}
