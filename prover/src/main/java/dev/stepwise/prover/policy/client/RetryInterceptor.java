package dev.stepwise.prover.policy.client;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.io.JsonEOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Set;
import java.util.random.RandomGenerator;
import okhttp3.Interceptor;
import okhttp3.MediaType;
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
public final class RetryInterceptor implements Interceptor {
    private static final Set<Integer> RETRYABLE = Set.of(429, 500, 502, 503, 504);
    private static final JsonFactory JSON = new JsonFactory();

    private final RetryPolicy policy;
    private final RandomGenerator random;
    private final InstantSource clock;

    RetryInterceptor(RetryPolicy policy, RandomGenerator random, InstantSource clock) {
        this.policy = policy;
        this.random = random;
        this.clock = clock;
    }

    /** With the system clock and its own randomness: for clients other than the completion client (the critic). */
    public static RetryInterceptor of(RetryPolicy policy) {
        return new RetryInterceptor(policy, new java.util.SplittableRandom(), InstantSource.system());
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

    /**
     * The response with its whole body read. A body cut short throws here (and the response is
     * closed): one that ends before its {@code Content-Length} or its last chunk (OkHttp's
     * "unexpected end of stream"), and a JSON body that ends before its JSON value does, which is
     * what a cut arrives as when the server or a proxy framed only the bytes it had.
     */
    private static Response buffered(Response response) throws IOException {
        try (ResponseBody body = response.body()) {
            byte[] bytes = body.bytes();
            MediaType type = body.contentType();
            if (type != null && type.subtype().equalsIgnoreCase("json") && !wholeJson(bytes)) {
                throw new IOException("the " + response.code() + " answer's JSON body was cut short after " + bytes.length
                        + " bytes");
            }
            return response.newBuilder().body(ResponseBody.create(bytes, type)).build();
        }
    }

    /** Whether {@code bytes} hold one complete JSON value; anything else (bad JSON too) is left to the reader. */
    private static boolean wholeJson(byte[] bytes) {
        try (JsonParser p = JSON.createParser(bytes)) {
            if (p.nextToken() == null) {
                return false;
            }
            p.skipChildren();
            return true;
        } catch (JsonEOFException e) {
            return false;
        } catch (IOException e) {
            return true; // malformed, not cut short: retrying would get the same answer
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
