package dev.stepwise.prover.policy.client;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls {@code GET /health} of every endpoint (vLLM, SGLang and llama-server all have it) and takes
 * an endpoint out of rotation while it fails, so requests go to live replicas before any of them
 * has to time out. A 404 means the server has no health route: it counts as healthy.
 */
final class HealthChecker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HealthChecker.class);

    private final Endpoints endpoints;
    private final OkHttpClient http;
    private final ScheduledExecutorService timer;

    HealthChecker(Endpoints endpoints, OkHttpClient http, Duration interval) {
        this.endpoints = endpoints;
        Duration probeTimeout = interval.compareTo(Duration.ofSeconds(5)) < 0 ? interval : Duration.ofSeconds(5);
        this.http = http.newBuilder().callTimeout(probeTimeout).build();
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "model-health");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::checkAll, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    void checkAll() {
        for (Endpoint e : endpoints.all()) {
            try {
                check(e);
            } catch (RuntimeException ex) {
                // The schedule must never die silently: a dead checker would leave stale verdicts.
                LOG.warn("model-health: check of {} failed unexpectedly: {}", e.base(), ex.toString());
            }
        }
    }

    private void check(Endpoint e) {
        Request request = new Request.Builder().url(e.resolve("health")).get().build();
        boolean was = e.healthy();
        try (Response r = http.newCall(request).execute()) {
            boolean ok = r.isSuccessful() || r.code() == 404;
            e.markHealth(ok, "health check answered HTTP " + r.code());
        } catch (IOException ex) {
            e.markHealth(false, "health check failed: " + ex.getMessage());
        }
        if (was != e.healthy()) {
            LOG.info("model-health: {} is {}", e.base(), e.healthy() ? "healthy again" : "unhealthy (" + e.lastProblem() + ")");
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
