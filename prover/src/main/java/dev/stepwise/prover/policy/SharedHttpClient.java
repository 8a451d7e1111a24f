package dev.stepwise.prover.policy;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;

/**
 * Builds the application's one {@link OkHttpClient}. The composition root calls it once and
 * injects the result; components derive variants with {@code newBuilder()}, sharing its
 * connection pool. The pool keeps as many idle connections as requests may be in flight, so a
 * burst of hundreds of completions does not reconnect each time.
 */
public final class SharedHttpClient {
    private SharedHttpClient() {
    }

    public static OkHttpClient create(Duration connectTimeout, int maxInFlight) {
        Dispatcher dispatcher = new Dispatcher(Executors.newVirtualThreadPerTaskExecutor());
        dispatcher.setMaxRequests(Math.max(64, maxInFlight));
        dispatcher.setMaxRequestsPerHost(Math.max(64, maxInFlight));
        return new OkHttpClient.Builder()
                .dispatcher(dispatcher)
                .connectionPool(new ConnectionPool(Math.max(8, maxInFlight), 5, TimeUnit.MINUTES))
                .connectTimeout(connectTimeout)
                // A long prompt can take a while to prefill: the request deadline bounds each call instead.
                .readTimeout(Duration.ZERO)
                .writeTimeout(Duration.ofSeconds(30))
                .build();
    }
}
