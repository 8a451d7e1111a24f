package dev.stepwise.search;

import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/** A fair semaphore that also counts what is in flight and the most ever in flight at once. */
final class InFlightGauge {
    private final Semaphore permits;
    private final int cap;
    private final AtomicInteger current = new AtomicInteger();
    private final AtomicInteger max = new AtomicInteger();

    InFlightGauge(int cap) {
        this.cap = cap;
        // Fair, so that no search starves behind others that keep asking: progress stays even.
        this.permits = new Semaphore(cap, true);
    }

    /** Waits for a permit; throws InterruptedException when the waiting thread is interrupted. */
    void enter() throws InterruptedException {
        permits.acquire();
        int now = current.incrementAndGet();
        max.accumulateAndGet(now, Math::max);
    }

    void exit() {
        current.decrementAndGet();
        permits.release();
    }

    InFlight snapshot() {
        return new InFlight(current.get(), max.get(), cap);
    }
}
