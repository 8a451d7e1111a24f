package dev.stepwise.lean;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One process, lent by the pool until {@link #close()}; use it in try-with-resources only. A
 * timeout or crash leaves the process unusable, and closing the lease then retires it.
 */
public final class ReplLease implements AutoCloseable {
    private final ReplPool pool;
    private final PooledRepl entry;
    private final ScheduledFuture<?> leakWarning;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final long takenNanos;

    ReplLease(ReplPool pool, PooledRepl entry, ScheduledFuture<?> leakWarning, long takenNanos) {
        this.pool = pool;
        this.entry = entry;
        this.leakWarning = leakWarning;
        this.takenNanos = takenNanos;
    }

    /** The process's id, unique for the pool's life: a restarted process gets a new one. */
    public long processId() {
        return entry.id;
    }

    public String processName() {
        return entry.process.name();
    }

    /** The header's env on this process, imported and health-checked on first use. */
    public HeaderEnv header(String header) {
        Integer env = entry.env(header);
        if (env != null) {
            return new HeaderEnv.Ready(env);
        }
        HeaderEnv result = guard(() -> HeaderCheck.warm(entry.process, header, pool.config().warmupTimeout()));
        if (result instanceof HeaderEnv.Ready r) {
            entry.rememberEnv(header, r.env());
        }
        return result;
    }

    /** Sends a request with the pool's request timeout. */
    public ReplResponse send(ReplRequest request) {
        return send(request, pool.config().requestTimeout());
    }

    /**
     * @throws ReplTimeoutException past the deadline (the process is killed)
     * @throws ReplCrashException if the process died or answered garbage
     */
    public ReplResponse send(ReplRequest request, Duration deadline) {
        return guard(() -> entry.process.send(request, deadline));
    }

    private <T> T guard(java.util.function.Supplier<T> call) {
        if (closed.get()) {
            throw new IllegalStateException("lease of " + entry.process.name() + " is closed");
        }
        try {
            return call.get();
        } catch (ReplTimeoutException e) {
            pool.countTimeout();
            throw e;
        } catch (ReplCrashException e) {
            pool.countCrash();
            throw e;
        }
    }

    /** Gives the process back (or has it retired if it broke or passed a limit). Idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            leakWarning.cancel(false);
            pool.giveBack(entry, System.nanoTime() - takenNanos);
        }
    }
}
