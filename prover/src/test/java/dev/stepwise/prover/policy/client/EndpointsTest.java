package dev.stepwise.prover.policy.client;

import static dev.stepwise.prover.policy.client.ServerPolicyTest.failure;
import static dev.stepwise.prover.policy.client.ServerPolicyTest.ok;
import static dev.stepwise.prover.policy.client.ServerPolicyTest.request;
import static dev.stepwise.prover.policy.client.ServerPolicyTest.status;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepwise.prover.policy.InFlightLimitedPolicy;
import dev.stepwise.prover.policy.prompt.CharCounter;
import dev.stepwise.prover.policy.prompt.PromptBuilder;
import dev.stepwise.prover.policy.prompt.PromptTemplate;
import dev.stepwise.search.PolicyUnavailableException;
import dev.stepwise.search.Suggestions;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Several endpoints: balancing, fail-over, health checks, and the global in-flight limit. */
class EndpointsTest {
    @StartStop
    final MockWebServer a = new MockWebServer();
    @StartStop
    final MockWebServer b = new MockWebServer();

    private final OkHttpClient http = new OkHttpClient();
    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    private ServerPolicy policy(ClientSettings settings) {
        CompletionClient client = new CompletionClient(http, settings, InstantSource.system(), new SplittableRandom(3));
        ServerPolicy p = new ServerPolicy(new PromptBuilder(PromptTemplate.named("bfs-prover"), new CharCounter(), 4000),
                Runnable::run, client, new Sampling("m", 32, 1.0, TruncatedTactics.DROP), settings.requestTimeout());
        open.add(p);
        return p;
    }

    private ClientSettings two(int retries, int breakerFailures) {
        return ServerPolicyTest.settings(ServerKind.VLLM, List.of(a.url("/"), b.url("/")), retries, breakerFailures,
                Duration.ofSeconds(10), ApiKey.NONE);
    }

    /** Holds every completion until released; answers /health with {@code healthCode}. */
    private static final class Held extends Dispatcher {
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicInteger completions = new AtomicInteger();
        final AtomicInteger current = new AtomicInteger();
        final AtomicInteger peak = new AtomicInteger();
        volatile int healthCode = 200;

        @Override
        public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
            if (request.getUrl().encodedPath().equals("/health")) {
                return new MockResponse.Builder().code(healthCode).build();
            }
            completions.incrementAndGet();
            peak.accumulateAndGet(current.incrementAndGet(), Math::max);
            try {
                release.await(20, TimeUnit.SECONDS);
            } finally {
                current.decrementAndGet();
            }
            return ok(Responses.SGLANG);
        }
    }

    @Test
    void theLeastLoadedEndpointGetsTheNextRequest() throws Exception {
        Held ha = new Held();
        Held hb = new Held();
        a.setDispatcher(ha);
        b.setDispatcher(hb);
        ServerPolicy p = policy(two(0, 5));
        CompletableFuture<Suggestions> first = p.suggest(request(2));
        // Whichever endpoint took the first request is busy; the second must go to the other one.
        while (ha.completions.get() + hb.completions.get() < 1) {
            Thread.sleep(5);
        }
        CompletableFuture<Suggestions> second = p.suggest(request(2));
        while (ha.completions.get() + hb.completions.get() < 2) {
            Thread.sleep(5);
        }
        assertEquals(1, ha.completions.get());
        assertEquals(1, hb.completions.get());
        ha.release.countDown();
        hb.release.countDown();
        assertEquals(2, first.get(20, TimeUnit.SECONDS).candidates().size());
        assertEquals(2, second.get(20, TimeUnit.SECONDS).candidates().size());
    }

    @Test
    void aFailingEndpointIsSkippedForAnother() throws Exception {
        for (int i = 0; i < 4; i++) {
            a.enqueue(status(503, "down"));
            b.enqueue(ok(Responses.SGLANG));
        }
        ServerPolicy p = policy(two(0, 1));
        for (int i = 0; i < 4; i++) {
            assertEquals(2, ServerPolicyTest.get(p, request(2)).candidates().size());
        }
        // a failed at most once: its circuit (threshold 1) then kept requests away from it.
        assertTrue(a.getRequestCount() <= 1, "requests to the failing endpoint: " + a.getRequestCount());
        assertEquals(4, b.getRequestCount());
    }

    @Test
    void whenEveryEndpointFailsTheMessageCoversEach() throws Exception {
        a.enqueue(status(503, "down a"));
        b.enqueue(status(503, "down b"));
        PolicyUnavailableException e = failure(policy(two(0, 5)), request(1));
        assertTrue(e.getMessage().contains(a.url("/") + " failed this request (last: HTTP 503 from " + a.url("/") + ": down a)"),
                e.getMessage());
        assertTrue(e.getMessage().contains(b.url("/") + " failed this request (last: HTTP 503 from " + b.url("/") + ": down b)"),
                e.getMessage());
    }

    @Test
    void healthChecksTakeAnEndpointOutAndBringItBack() throws Exception {
        Held ha = new Held();
        ha.healthCode = 503;
        a.setDispatcher(ha);
        Held hb = new Held();
        hb.healthCode = 404;
        b.setDispatcher(hb);
        Endpoint ea = new Endpoint(a.url("/"), new CircuitBreaker(new BreakerSettings(5, Duration.ofSeconds(1)), InstantSource.system()));
        Endpoint eb = new Endpoint(b.url("/"), new CircuitBreaker(new BreakerSettings(5, Duration.ofSeconds(1)), InstantSource.system()));
        Endpoints endpoints = new Endpoints(List.of(ea, eb));
        try (HealthChecker checker = new HealthChecker(endpoints, http, Duration.ofHours(1))) {
            checker.checkAll();
            assertFalse(ea.healthy());
            assertTrue(eb.healthy(), "a server without /health (404) counts as healthy");
            for (int i = 0; i < 3; i++) {
                Endpoint chosen = endpoints.acquire(Set.of()).orElseThrow();
                assertEquals(eb, chosen);
            }
            assertNull(endpoints.acquire(Set.of(eb)).orElse(null));
            assertTrue(endpoints.whyUnavailable(InstantSource.system()).contains(a.url("/") + " failing health checks"));
            ha.healthCode = 200;
            checker.checkAll();
            assertTrue(ea.healthy());
            assertNotNull(endpoints.acquire(Set.of(eb)).orElse(null));
        }
    }

    @Test
    void theInFlightLimitCapsConcurrentRequestsAtTheServer() throws Exception {
        Held ha = new Held();
        a.setDispatcher(ha);
        ClientSettings one = ServerPolicyTest.settings(ServerKind.VLLM, List.of(a.url("/")), 0, 5, Duration.ofSeconds(30), ApiKey.NONE);
        InFlightLimitedPolicy limited = new InFlightLimitedPolicy(policy(one), 4);
        List<CompletableFuture<Suggestions>> all = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            all.add(limited.suggest(request(1)));
        }
        while (ha.completions.get() < 4) {
            Thread.sleep(5);
        }
        assertEquals(4, limited.inFlight());
        assertEquals(4, ha.completions.get(), "the limit holds back the other 8");
        ha.release.countDown();
        for (CompletableFuture<Suggestions> f : all) {
            assertEquals(2, f.get(20, TimeUnit.SECONDS).candidates().size());
        }
        assertEquals(12, ha.completions.get());
        assertTrue(ha.peak.get() <= 4, "peak concurrency at the server: " + ha.peak.get());
        assertEquals(0, limited.inFlight());
    }
}
