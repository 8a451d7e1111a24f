package dev.stepwise.search;

import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/**
 * Waits for a model answer (the policy's or the critic's) within the attempt's time budget, and
 * lets a cancel from another thread reach the request being waited on. Kept apart from
 * {@link Search} because it is the one piece of the attempt shared with other threads: the
 * pending request is volatile, set before the cancel flag is read here and read after the flag
 * is set by {@link Search#cancel()}, so a cancel never misses a request.
 */
final class ModelWait {
    private final BooleanSupplier cancelled;
    private volatile Future<?> pending;

    ModelWait(BooleanSupplier cancelled) {
        this.cancelled = cancelled;
    }

    /** Cancels the request being waited on, if any (after the caller has raised its cancel flag). */
    void cancelPending() {
        Future<?> request = pending;
        if (request != null) {
            request.cancel(true);
        }
    }

    /**
     * The answer, or {@link Ended} when the wait ends the attempt: cancelled, out of time, or the
     * model unavailable. Any other failure of the request is a bug or a fault of the caller's and
     * is thrown as it is.
     *
     * @param timeLeftNanos what is left of the time budget, {@link Long#MAX_VALUE} when there is none
     */
    <T> T await(CompletableFuture<T> future, long timeLeftNanos, Duration maxTime) throws Ended {
        pending = future;
        try {
            if (cancelled.getAsBoolean()) {
                future.cancel(true);
            }
            return timeLeftNanos == Long.MAX_VALUE ? future.get()
                    : future.get(Math.max(0, timeLeftNanos), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new Ended(FailureReason.CANCELLED, "interrupted while waiting for the model");
        } catch (CancellationException e) {
            throw new Ended(FailureReason.CANCELLED, "cancelled while waiting for the model");
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new Ended(FailureReason.BUDGET_TIME, "time budget " + maxTime + " spent waiting for the model");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof PolicyUnavailableException u) {
                throw new Ended(FailureReason.POLICY_UNAVAILABLE, u.getMessage());
            }
            if (cancelled.getAsBoolean()) {
                throw new Ended(FailureReason.CANCELLED, "cancelled while waiting for the model");
            }
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("model request failed: " + cause, cause);
        } finally {
            pending = null;
        }
    }

    /** Internal control flow: a wait that ended the attempt, and why. */
    static final class Ended extends Exception {
        private static final long serialVersionUID = 1L;
        final FailureReason reason;
        final String detail;

        Ended(FailureReason reason, String detail) {
            super(null, null, false, false);
            this.reason = reason;
            this.detail = detail;
        }
    }
}
