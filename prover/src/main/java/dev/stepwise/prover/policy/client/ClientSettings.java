package dev.stepwise.prover.policy.client;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import okhttp3.HttpUrl;

/**
 * How to reach the model servers.
 *
 * @param urls base URLs of the servers or replicas ({@code http://gpu-host:8000}); the client adds
 *     {@code /v1/completions} and {@code /health}
 * @param requestTimeout the deadline of one policy request, retries and fail-over included
 * @param healthInterval how often to poll {@code /health}; zero turns polling off
 */
public record ClientSettings(List<HttpUrl> urls, ServerKind kind, ApiKey apiKey, RetryPolicy retry,
        BreakerSettings breaker, Duration requestTimeout, Duration healthInterval) {
    public ClientSettings {
        urls = List.copyOf(urls);
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(apiKey, "apiKey");
        Objects.requireNonNull(retry, "retry");
        Objects.requireNonNull(breaker, "breaker");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(healthInterval, "healthInterval");
        if (urls.isEmpty()) {
            throw new IllegalArgumentException("no model server URL given (model.url)");
        }
        if (requestTimeout.isZero() || requestTimeout.isNegative()) {
            throw new IllegalArgumentException("request timeout must be > 0, got " + requestTimeout);
        }
        if (healthInterval.isNegative()) {
            throw new IllegalArgumentException("health interval must be >= 0, got " + healthInterval);
        }
    }

    /** Parses a base URL, naming the bad value and the key it came from. */
    public static HttpUrl parseUrl(String text) {
        HttpUrl url = HttpUrl.parse(text.strip());
        if (url == null) {
            throw new IllegalArgumentException("model.url '" + text + "' is not an http(s) URL such as http://127.0.0.1:8000");
        }
        // OpenAI-style clients are configured with ".../v1"; the client adds "v1/completions" itself.
        List<String> segments = new java.util.ArrayList<>(url.pathSegments());
        while (!segments.isEmpty() && segments.get(segments.size() - 1).isEmpty()) {
            segments.remove(segments.size() - 1);
        }
        if (!segments.isEmpty() && segments.get(segments.size() - 1).equals("v1")) {
            segments.remove(segments.size() - 1);
        }
        HttpUrl.Builder b = url.newBuilder().encodedPath("/");
        segments.forEach(b::addPathSegment);
        return b.build();
    }
}
