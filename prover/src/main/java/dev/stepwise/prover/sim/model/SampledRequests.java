package dev.stepwise.prover.sim.model;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepwise.prover.sim.world.World;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the two sampling endpoints (completions and chat completions) do around their answer:
 * POST only; the world's faults drawn first ({@link InjectedFaults}) from a random stream that
 * derives from the seed, the request body and how often that body was sent, so runs repeat
 * whatever the timing; then the answer made within the server's capacity, after the world's
 * latency for its tokens, and cut in half when the draw said so. One per endpoint: each counts
 * its own bodies.
 */
final class SampledRequests {
    private final World world;
    private final long seed;
    private final ServerCounters counters;
    private final JsonReplies json;
    private final Semaphore capacity;
    private final Map<Integer, AtomicInteger> attempts = new ConcurrentHashMap<>();

    SampledRequests(World world, long seed, ServerCounters counters, JsonReplies json, Semaphore capacity) {
        this.world = world;
        this.seed = seed;
        this.counters = counters;
        this.json = json;
        this.capacity = capacity;
    }

    /**
     * A request let in: the reply to send at once instead of an answer (405, or a drawn 429/500),
     * or the random stream its answer draws from and whether that answer is to be cut short.
     */
    record Admitted(Reply refusal, Random rng, boolean malformed) {
    }

    Admitted admit(Route.Request r) throws InterruptedException {
        if (!r.method().equals("POST")) {
            return new Admitted(json.error(405, "MethodNotAllowed", "use POST"), null, false);
        }
        int bodyHash = Arrays.hashCode(r.body());
        int attempt = attempts.computeIfAbsent(bodyHash, k -> new AtomicInteger()).getAndIncrement();
        Random rng = new Random(Seeds.mix(seed, bodyHash, attempt));
        InjectedFaults.Draw fault = InjectedFaults.draw(world.faults(), rng, json, counters);
        return new Admitted(fault.error(), rng, fault.malformed());
    }

    /** Makes the answer of an admitted request. */
    interface Answer {
        ObjectNode make();
    }

    /** The answer within the server's capacity, after the world's latency for its completion tokens. */
    Reply answer(Admitted admitted, Answer answer) throws InterruptedException {
        capacity.acquire();
        int now = counters.running.incrementAndGet();
        counters.mostRunning.accumulateAndGet(now, Math::max);
        try {
            ObjectNode response = answer.make();
            Thread.sleep(world.latency().modelRequest().plus(
                    world.latency().modelPerToken().multipliedBy(response.path("usage").path("completion_tokens").asLong())));
            counters.served.incrementAndGet();
            String text = json.write(response);
            if (admitted.malformed()) {
                counters.faulted.incrementAndGet();
                return new Reply(200, "application/json", text.substring(0, text.length() / 2));
            }
            return new Reply(200, "application/json", text);
        } finally {
            counters.running.decrementAndGet();
            capacity.release();
        }
    }
}
