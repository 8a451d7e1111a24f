package dev.stepwise.search;

/**
 * Told what a {@link SearchScheduler} is doing, for progress displays and storage. Called on the
 * attempts' own threads, concurrently; implementations must be thread-safe and quick. An exception
 * thrown here is logged and does not disturb the search.
 */
public interface SearchListener {

    default void attemptStarted(AttemptId id) {
    }

    /** After each expansion of a running attempt. */
    default void progress(AttemptId id, SearchProgress progress) {
    }

    default void attemptFinished(AttemptId id, SearchResult result) {
    }

    default void theoremFinished(TheoremResult result) {
    }

    SearchListener NONE = new SearchListener() {
    };
}
