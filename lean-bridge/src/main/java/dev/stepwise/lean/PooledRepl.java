package dev.stepwise.lean;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One process of the pool with its state and its retirement limits. Only a compare-and-set moves
 * the state; whoever moved it (a lease holder, the housekeeper) owns the entry until it moves it
 * back. The header envs are touched only by that owner.
 */
final class PooledRepl {
    enum State { NOT_IN_USE, IN_USE, RESERVED, REMOVED }

    final long id;
    final ReplProcess process;
    final long commandLimit;
    final long rssLimit;
    final Instant expiresAt;
    private final AtomicReference<State> state = new AtomicReference<>(State.NOT_IN_USE);
    private final Map<String, Integer> headerEnvs = new HashMap<>();
    /** Set on an entry in use that passed a limit: retired when its lease ends. */
    volatile boolean evictOnReturn;

    PooledRepl(long id, ReplProcess process, long commandLimit, long rssLimit, Instant expiresAt) {
        this.id = id;
        this.process = process;
        this.commandLimit = commandLimit;
        this.rssLimit = rssLimit;
        this.expiresAt = expiresAt;
    }

    boolean move(State from, State to) {
        return state.compareAndSet(from, to);
    }

    State state() {
        return state.get();
    }

    void markRemoved() {
        state.set(State.REMOVED);
    }

    Integer env(String header) {
        return headerEnvs.get(header);
    }

    void rememberEnv(String header, int env) {
        headerEnvs.put(header, env);
    }

    boolean hasEnv(String header) {
        return headerEnvs.containsKey(header);
    }

    /** Which limit it passed, or null; RSS is read from /proc only when a limit is set. */
    String limitPassed(Instant now) {
        if (commandLimit > 0 && process.requestCount() >= commandLimit) {
            return "served " + process.requestCount() + " requests";
        }
        if (expiresAt != null && !now.isBefore(expiresAt)) {
            return "reached its maximum age";
        }
        if (rssLimit > 0) {
            long rss = process.rssBytes();
            if (rss >= rssLimit) {
                return "uses " + (rss >> 20) + " MiB";
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return process.name() + "[" + state.get() + "]";
    }
}
