package dev.stepwise.prover.policy.client;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stepwise.search.PolicyUnavailableException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import okhttp3.Call;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * A blocking client of {@code /v1/completions} (and {@code /v1/chat/completions}, which
 * whole-proof models are asked through) over several endpoints, meant to be called from
 * virtual threads. A request goes to the least-loaded available endpoint; the interceptors retry
 * it there with backoff; if that endpoint still fails it is tried on the others while its
 * deadline lasts. Whatever happens, the call returns or throws
 * {@link PolicyUnavailableException} by its deadline.
 */
public final class CompletionClient implements AutoCloseable {
    private static final MediaType JSON_TYPE = MediaType.get("application/json");

    private final OkHttpClient http;
    private final Endpoints endpoints;
    private final ServerKind kind;
    private final InstantSource clock;
    private final ObjectMapper json = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private final HealthChecker health;

    /**
     * @param shared the application's one HTTP client; this client derives its own variant from it,
     *     sharing the connection pool
     */
    public CompletionClient(OkHttpClient shared, ClientSettings settings, InstantSource clock, RandomGenerator random) {
        this.kind = settings.kind();
        this.clock = clock;
        OkHttpClient authed = shared.newBuilder().addInterceptor(new AuthInterceptor(settings.apiKey())).build();
        this.http = authed.newBuilder().addInterceptor(new RetryInterceptor(settings.retry(), random, clock)).build();
        List<Endpoint> list = new ArrayList<>();
        for (var url : settings.urls()) {
            list.add(new Endpoint(url, new CircuitBreaker(settings.breaker(), clock)));
        }
        this.endpoints = new Endpoints(list);
        this.health = settings.healthInterval().isZero() ? null : new HealthChecker(endpoints, authed, settings.healthInterval());
    }

    public ServerKind kind() {
        return kind;
    }

    /** Asks for {@code request.n()} samples; with llama-server, as n parallel one-sample requests. */
    public Completions complete(CompletionRequest request, Duration timeout) {
        return inParts(request.n(), timeout, (j, deadline) -> completeOnce(
                request.n() == 1 || !kind.oneSamplePerRequest() ? request : request.single(request.seed() + j), deadline));
    }

    /** Asks the chat endpoint for {@code request.n()} replies; with llama-server, as n parallel one-reply requests. */
    public Completions chat(ChatRequest request, Duration timeout) {
        return inParts(request.n(), timeout, (j, deadline) -> {
            ChatRequest one = request.n() == 1 || !kind.oneSamplePerRequest() ? request : request.single(request.seed() + j);
            byte[] body = one.toJson(json, kind).toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            return sendWithFailover("v1/chat/completions", body,
                    (text, server) -> json.readValue(text, ChatResponse.class).toCompletions(server), deadline);
        });
    }

    @FunctionalInterface
    private interface Part {
        Completions ask(int index, Deadline deadline);
    }

    @FunctionalInterface
    private interface Parser {
        Completions parse(String body, String server) throws IOException;
    }

    /** One request for n samples, or n one-sample requests in parallel where the server takes one per request. */
    private Completions inParts(int n, Duration timeout, Part part) {
        Deadline deadline = new Deadline(clock.instant().plus(timeout));
        if (!kind.oneSamplePerRequest() || n == 1) {
            return part.ask(0, deadline);
        }
        List<Completions> parts = new ArrayList<>();
        PolicyUnavailableException failure = null;
        try (ExecutorService forks = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Completions>> futures = new ArrayList<>();
            for (int j = 0; j < n; j++) {
                // Distinct seeds (the part's seed + j), or n requests with one seed give n identical samples.
                int index = j;
                futures.add(forks.submit(() -> part.ask(index, deadline)));
            }
            for (Future<Completions> f : futures) {
                try {
                    parts.add(f.get());
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof PolicyUnavailableException p) {
                        failure = failure == null ? p : failure;
                    } else {
                        throw new IllegalStateException("completion request failed unexpectedly", e.getCause());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new PolicyUnavailableException("interrupted while waiting for the model server", e);
                }
            }
        }
        // Samples that did arrive are kept: only when none did is the request a failure.
        if (parts.isEmpty() && failure != null) {
            throw failure;
        }
        return Completions.merge(parts);
    }

    private Completions completeOnce(CompletionRequest request, Deadline deadline) {
        byte[] body = request.toJson(json, kind).toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return sendWithFailover("v1/completions", body,
                (text, server) -> json.readValue(text, CompletionResponse.class).toCompletions(server), deadline);
    }

    private Completions sendWithFailover(String path, byte[] body, Parser parser, Deadline deadline) {
        Set<Endpoint> tried = new HashSet<>();
        RuntimeException last = null;
        while (true) {
            if (deadline.passed(clock)) {
                throw new PolicyUnavailableException("model server gave no answer before the request deadline"
                        + (last == null ? "" : ": " + last.getMessage()), last);
            }
            Optional<Endpoint> chosen = endpoints.acquire(tried);
            if (chosen.isEmpty()) {
                throw new PolicyUnavailableException("model server unavailable: " + endpoints.whyUnavailable(clock), last);
            }
            Endpoint e = chosen.get();
            e.begin();
            try {
                Completions c = send(e, path, body, parser, deadline);
                e.breaker().onSuccess();
                return c;
            } catch (EndpointFailure f) {
                e.breaker().onFailure();
                e.noteProblem(f.getMessage());
                tried.add(e);
                last = f;
            } catch (Rejected r) {
                // The server is alive and said no: another endpoint would say the same.
                e.breaker().onSuccess();
                throw new PolicyUnavailableException(r.getMessage(), r);
            } finally {
                e.end();
            }
        }
    }

    private Completions send(Endpoint e, String path, byte[] body, Parser parser, Deadline deadline) {
        Request request = new Request.Builder()
                .url(e.resolve(path))
                .post(RequestBody.create(body, JSON_TYPE))
                .tag(Deadline.class, deadline)
                .build();
        Call call = http.newCall(request);
        Duration remaining = deadline.remaining(clock);
        call.timeout().timeout(Math.max(1, remaining.toNanos()), TimeUnit.NANOSECONDS);
        try (Response response = call.execute()) {
            ResponseBody rb = response.body();
            String text = rb.string();
            if (response.isSuccessful()) {
                try {
                    return parser.parse(text, e.base().toString());
                } catch (IOException | CompletionResponse.ProtocolException ex) {
                    throw new EndpointFailure(e.base() + " sent an unreadable completion: " + ex.getMessage());
                }
            }
            String detail = "HTTP " + response.code() + " from " + e.base() + ": " + errorMessage(text);
            if (RetryInterceptor.isRetryable(response.code())) {
                throw new EndpointFailure(detail);
            }
            throw new Rejected("model server rejected the request: " + detail);
        } catch (InterruptedIOException ex) {
            throw new EndpointFailure(e.base() + " timed out after " + describe(deadline));
        } catch (IOException ex) {
            throw new EndpointFailure(e.base() + " unreachable: " + ex.getMessage());
        }
    }

    private String describe(Deadline deadline) {
        return deadline.passed(clock) ? "the request deadline" : "its attempts";
    }

    /** The server's own error text, short: vLLM and SGLang send {"message": …} or {"error": {"message": …}}. */
    private String errorMessage(String body) {
        String text = body;
        try {
            JsonNode node = json.readTree(body);
            if (node != null && node.hasNonNull("message")) {
                text = node.get("message").asText();
            } else if (node != null && node.path("error").hasNonNull("message")) {
                text = node.path("error").get("message").asText();
            }
        } catch (IOException ex) {
            // Not JSON: the raw text is the message.
        }
        text = text.strip().replace('\n', ' ');
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }

    @Override
    public void close() {
        if (health != null) {
            health.close();
        }
    }

    /** This endpoint failed; another endpoint may answer. */
    private static final class EndpointFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        EndpointFailure(String message) {
            super(message, null, false, false);
        }
    }

    /** The request itself was refused (a 4xx other than 429); no endpoint will take it. */
    private static final class Rejected extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Rejected(String message) {
            super(message, null, false, false);
        }
    }
}
