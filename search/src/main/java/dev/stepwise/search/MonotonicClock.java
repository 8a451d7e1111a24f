package dev.stepwise.search;

/**
 * A source of monotonic nanoseconds for budgets and timings; injected so tests can drive time.
 */
@FunctionalInterface
public interface MonotonicClock {
    long nanoTime();

    static MonotonicClock system() {
        return System::nanoTime;
    }
}
