package dev.stepwise.search;

/**
 * Told about one search's progress, on the search's own thread after each expansion; must be
 * quick and must not throw.
 */
@FunctionalInterface
public interface SearchObserver {
    void afterExpansion(SearchProgress progress);

    SearchObserver NONE = progress -> { };
}
