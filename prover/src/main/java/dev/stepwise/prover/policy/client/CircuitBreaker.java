package dev.stepwise.prover.policy.client;

import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Stops sending requests to an endpoint that keeps failing, so requests fail fast (or go to
 * another endpoint) instead of each waiting out its retries. After the cooldown one trial request
 * is let through; its success closes the circuit, its failure opens it again.
 */
final class CircuitBreaker {
    enum State { CLOSED, OPEN, HALF_OPEN }

    private final BreakerSettings settings;
    private final InstantSource clock;
    private final ReentrantLock lock = new ReentrantLock();
    private State state = State.CLOSED;
    private int consecutiveFailures;
    private Instant openedAt = Instant.MIN;
    private boolean trialInFlight;

    CircuitBreaker(BreakerSettings settings, InstantSource clock) {
        this.settings = settings;
        this.clock = clock;
    }

    /** Whether a request could be sent now (without taking the half-open trial). */
    boolean isAvailable() {
        lock.lock();
        try {
            return switch (state) {
                case CLOSED -> true;
                case OPEN -> cooledDown();
                case HALF_OPEN -> !trialInFlight;
            };
        } finally {
            lock.unlock();
        }
    }

    /** Takes permission to send one request; false if the circuit refuses it. */
    boolean tryAcquire() {
        lock.lock();
        try {
            switch (state) {
                case CLOSED -> {
                    return true;
                }
                case OPEN -> {
                    if (!cooledDown()) {
                        return false;
                    }
                    state = State.HALF_OPEN;
                    trialInFlight = true;
                    return true;
                }
                case HALF_OPEN -> {
                    if (trialInFlight) {
                        return false;
                    }
                    trialInFlight = true;
                    return true;
                }
            }
            throw new AssertionError(state);
        } finally {
            lock.unlock();
        }
    }

    void onSuccess() {
        lock.lock();
        try {
            state = State.CLOSED;
            consecutiveFailures = 0;
            trialInFlight = false;
        } finally {
            lock.unlock();
        }
    }

    void onFailure() {
        lock.lock();
        try {
            consecutiveFailures++;
            if (state == State.HALF_OPEN || consecutiveFailures >= settings.failures()) {
                open();
            }
        } finally {
            lock.unlock();
        }
    }

    State state() {
        lock.lock();
        try {
            return state;
        } finally {
            lock.unlock();
        }
    }

    /** When an open circuit lets a trial through. */
    Instant reopensAt() {
        lock.lock();
        try {
            return openedAt.plus(settings.cooldown());
        } finally {
            lock.unlock();
        }
    }

    private void open() {
        state = State.OPEN;
        openedAt = clock.instant();
        trialInFlight = false;
    }

    private boolean cooledDown() {
        return !clock.instant().isBefore(openedAt.plus(settings.cooldown()));
    }
}
