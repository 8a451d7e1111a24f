package dev.stepwise.prover.policy.client;

import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.HttpUrl;

/** One model server (or one data-parallel replica): its address, load, health and circuit. */
final class Endpoint {
    private final HttpUrl base;
    private final CircuitBreaker breaker;
    private final AtomicInteger outstanding = new AtomicInteger();
    private volatile boolean healthy = true;
    private volatile String lastProblem = "";

    Endpoint(HttpUrl base, CircuitBreaker breaker) {
        this.base = base;
        this.breaker = breaker;
    }

    HttpUrl base() {
        return base;
    }

    HttpUrl resolve(String path) {
        return base.newBuilder().addPathSegments(path).build();
    }

    CircuitBreaker breaker() {
        return breaker;
    }

    int outstanding() {
        return outstanding.get();
    }

    void begin() {
        outstanding.incrementAndGet();
    }

    void end() {
        outstanding.decrementAndGet();
    }

    boolean healthy() {
        return healthy;
    }

    void markHealth(boolean ok, String problem) {
        healthy = ok;
        if (!ok) {
            lastProblem = problem;
        }
    }

    void noteProblem(String problem) {
        lastProblem = problem;
    }

    String lastProblem() {
        return lastProblem;
    }

    @Override
    public String toString() {
        return base.toString();
    }
}
