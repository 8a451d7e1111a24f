package dev.stepwise.prover.bench;

import dev.stepwise.prover.policy.OpenPolicy;
import dev.stepwise.prover.policy.PolicyConfig;
import dev.stepwise.prover.policy.PolicyFactory;
import dev.stepwise.prover.policy.PromptBudget;
import dev.stepwise.prover.policy.client.ApiKey;
import dev.stepwise.prover.policy.client.BreakerSettings;
import dev.stepwise.prover.policy.client.ClientSettings;
import dev.stepwise.prover.policy.client.RetryPolicy;
import dev.stepwise.prover.policy.client.Sampling;
import dev.stepwise.prover.policy.client.ServerKind;
import dev.stepwise.prover.policy.client.TruncatedTactics;
import dev.stepwise.prover.policy.prompt.PromptTemplate;
import dev.stepwise.prover.sim.model.ModelDialect;
import dev.stepwise.prover.sim.model.SimulatedModelServer;
import dev.stepwise.prover.sim.world.Faults;
import dev.stepwise.prover.sim.world.Latency;
import dev.stepwise.prover.sim.world.World;
import dev.stepwise.search.PolicyRequest;
import dev.stepwise.search.ProofState;
import dev.stepwise.search.StateHandle;
import dev.stepwise.search.Suggestions;
import dev.stepwise.search.Theorem;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * Throughput of the model-server policy against the simulated completions server (a real HTTP
 * server on 127.0.0.1 speaking vLLM's API) that serves at most C requests at once, each taking L.
 * No client can complete more than C / L requests per second; the figure is what the policy
 * achieves, with its prompt building, in-flight limit, HTTP client and response parsing in the
 * path, divided by that ideal.
 */
public final class PolicyBenchmark implements Benchmark {
    private final OkHttpClient http;
    private final int capacity;
    private final Duration latency;
    private final int samples;
    private final int rounds;

    /**
     * @param capacity C, requests the simulated server serves at once
     * @param latency L, the time of one request
     * @param samples n, samples per request
     * @param rounds requests sent, in multiples of C
     */
    public PolicyBenchmark(OkHttpClient http, int capacity, Duration latency, int samples, int rounds) {
        if (capacity < 1 || samples < 1 || rounds < 1 || latency.isZero() || latency.isNegative()) {
            throw new IllegalArgumentException("capacity, samples and rounds must be >= 1 and latency > 0");
        }
        this.http = http;
        this.capacity = capacity;
        this.latency = latency;
        this.samples = samples;
        this.rounds = rounds;
    }

    @Override
    public String name() {
        return "policy";
    }

    @Override
    public List<BenchFigure> run(PrintWriter out) {
        World world = new World(World.FORMAT, World.VERSION, true, "sim-prover", 0, "bench policy (simulated)",
                new Latency(Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ofHours(1), latency,
                        Duration.ZERO, capacity),
                Faults.none(), List.of("simp", "norm_num", "linarith", "omega"), List.of());
        try (SimulatedModelServer sim = new SimulatedModelServer(world, ModelDialect.VLLM, 1, InstantSource.system())) {
            sim.start(0);
            ClientSettings client = new ClientSettings(List.of(HttpUrl.get(sim.url().toString())), ServerKind.VLLM,
                    ApiKey.NONE, new RetryPolicy(3, Duration.ofMillis(50), Duration.ofSeconds(1)),
                    new BreakerSettings(5, Duration.ofSeconds(5)), Duration.ofMinutes(2), Duration.ZERO);
            // Twice the server's capacity in flight: the server always has the next request queued.
            PolicyConfig.Server config = new PolicyConfig.Server(client,
                    new Sampling(world.model(), 64, 1.0, TruncatedTactics.DROP), PromptTemplate.named("bfs-prover"),
                    new PromptBudget.Chars(9000), 2 * capacity * samples);
            try (OpenPolicy policy = new PolicyFactory(http, InstantSource.system()).open(config)) {
                // Warm-up at the measured concurrency: every connection opened and the code compiled, unmeasured.
                runBatch(policy, 2 * capacity, -2 * capacity);
                runBatch(policy, 2 * capacity, -4 * capacity);
                int requests = capacity * rounds;
                long start = System.nanoTime();
                long samplesBack = runBatch(policy, requests, 1_000_000);
                double seconds = (System.nanoTime() - start) / 1e9;
                double achieved = requests / seconds;
                double ideal = capacity / (latency.toNanos() / 1e9);
                // The server serves in waves of C requests, each taking L: requests / (C / L) is the ideal time.
                double ratio = achieved / ideal;
                out.println("simulated model server (vLLM API on 127.0.0.1): capacity C = " + capacity
                        + " requests at once, latency L = " + latency.toMillis() + " ms per request");
                out.printf("%-34s %s%n", "requests (n = " + samples + " samples each)", requests);
                out.printf("%-34s %d%n", "samples returned", samplesBack);
                out.printf("%-34s %.3f s%n", "elapsed", seconds);
                out.printf("%-34s %.3f s%n", "ideal (requests / (C/L))", requests / ideal);
                out.printf("%-34s %.1f%n", "achieved completions/s", achieved);
                out.printf("%-34s %.1f%n", "ideal C/L completions/s", ideal);
                out.printf("%-34s %d%n", "most requests at the server at once", sim.stats().mostConcurrent());
                out.printf("%-34s %.3f%n", "achieved / ideal", ratio);
                out.flush();
                return List.of(new BenchFigure("policy", "throughput_ratio", ratio, BenchFigure.Target.atLeast(0.9)));
            }
        }
    }

    /** Sends {@code count} requests at once and waits for all; returns the samples received. */
    private long runBatch(OpenPolicy policy, int count, int stateOffset) {
        Theorem theorem = new Theorem("bench", "import Mathlib\n", "theorem bench : True := by");
        List<CompletableFuture<Suggestions>> futures = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            // Distinct states, as in a real run: nothing is answered from a cache.
            ProofState state = new ProofState(new StateHandle() { }, "x : ℕ\n⊢ x + " + (stateOffset + i) + " = "
                    + (stateOffset + i) + " + x", 1);
            futures.add(policy.suggest(new PolicyRequest(theorem, state, List.of(), samples, 1.0, i)));
        }
        long total = 0;
        for (CompletableFuture<Suggestions> f : futures) {
            total += f.join().candidates().size();
        }
        return total;
    }
}
