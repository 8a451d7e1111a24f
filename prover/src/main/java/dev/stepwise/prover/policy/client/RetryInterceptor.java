package dev.stepwise.prover.policy.client;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Set;
import java.util.random.RandomGenerator;
import okhttp3.Interceptor;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Tries a request again on 429, 5xx answers that mean "busy or restarting", and I/O failures
 * (refused connections, timeouts of one attempt, a 2xx answer whose body is cut short), with
 * backoff and jitter, never past the request's {@link Deadline}. A {@code Retry-After} header is
 * honoured when it fits the deadline.
 *
 * <p>A successful answer's body is read here, inside the retry loop: OkHttp hands back a response
 * once its headers arrive, so a server that dies or drops the connection mid-body (a restarting
 * vLLM, a proxy timing out) would otherwise surface only when the caller reads the body, after
 * every retry is out of reach. Completion bodies are small (a few KB), so buffering costs nothing.
 */
final class RetryInterceptor implements Interceptor {
    private static final Set<Integer> RETRYABLE = Set.of(429, 500, 502, 503, 504);

    private final RetryPolicy policy;
    private final RandomGenerator random;
    private final InstantSource clock;

    RetryInterceptor(RetryPolicy policy, RandomGenerator random, InstantSource clock) {
        this.policy = policy;
        this.random = random;
        this.clock = clock;
    }

    static boolean isRetryable(int code) {
        return RETRYABLE.contains(code);
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Deadline deadline = chain.request().tag(Deadline.class);
        for (int attempt = 0;; attempt++) {
            Response response;
            try {
                response = chain.proceed(chain.request());
            } catch (IOException e) {
                if (chain.call().isCanceled() || attempt >= policy.retries() || !waitBefore(attempt + 1, null, deadline)) {
                    throw e;
                }
                continue;
            }
            if (response.isSuccessful()) {
                try {
                    return buffered(response);
                } catch (IOException e) {
                    if (chain.call().isCanceled() || attempt >= policy.retries() || !waitBefore(attempt + 1, null, deadline)) {
                        throw e;
                    }
                    continue;
                }
            }
            if (!isRetryable(response.code()) || attempt >= policy.retries()) {
                return response;
            }
            String retryAfter = response.header("Retry-After");
            if (!waitBefore(attempt + 1, retryAfter, deadline)) {
                return response;
            }
            response.close();
        }
    }

    /** The response with its whole body read; a body cut short throws here (and the response is closed). */
    private static Response buffered(Response response) throws IOException {
        try (ResponseBody body = response.body()) {
            byte[] bytes = body.bytes();
            return response.newBuilder().body(ResponseBody.create(bytes, body.contentType())).build();
        }
    }

    /** Sleeps before the next attempt; false when the deadline leaves no room for it. */
    private boolean waitBefore(int attempt, String retryAfter, Deadline deadline) throws InterruptedIOException {
        Duration wait = policy.backoff(attempt, random);
        Duration asked = parseRetryAfter(retryAfter);
        if (asked != null && asked.compareTo(wait) > 0) {
            wait = asked.compareTo(policy.max()) > 0 ? policy.max() : asked;
        }
        if (deadline != null && wait.compareTo(deadline.remaining(clock)) >= 0) {
            return false;
        }
        try {
            Thread.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting to retry");
        }
        return true;
    }

    private static Duration parseRetryAfter(String value) {
        if (value == null) {
            return null;
        }
        try {
            return Duration.ofSeconds(Long.parseLong(value.strip()));
        } catch (NumberFormatException e) {
            return null; // an HTTP date: rare from model servers, the backoff applies instead
        }
    }
}
