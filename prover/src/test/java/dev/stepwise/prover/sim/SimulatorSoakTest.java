package dev.stepwise.prover.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stepwise.lean.AcceptanceGate;
import dev.stepwise.lean.GatePolicy;
import dev.stepwise.lean.GateVerdict;
import dev.stepwise.lean.HostTools;
import dev.stepwise.lean.PoolCounters;
import dev.stepwise.lean.ProofSessions;
import dev.stepwise.lean.ReplCodec;
import dev.stepwise.lean.ReplPool;
import dev.stepwise.lean.ReplPoolConfig;
import dev.stepwise.lean.ReplProcessConfig;
import dev.stepwise.lean.SessionStart;
import dev.stepwise.lean.SessionState;
import dev.stepwise.lean.StepOutcome;
import dev.stepwise.lean.TacticFilter;
import dev.stepwise.prover.cli.CliHarness;
import dev.stepwise.prover.config.ValueType;
import dev.stepwise.prover.problems.DatasetCatalog;
import dev.stepwise.prover.sim.generate.GeneratorKnobs;
import dev.stepwise.prover.sim.generate.WorldGenerator;
import dev.stepwise.prover.sim.model.ModelDialect;
import dev.stepwise.prover.sim.world.Faults;
import dev.stepwise.prover.sim.world.Latency;
import dev.stepwise.prover.sim.world.World;
import dev.stepwise.prover.sim.world.WorldFile;
import dev.stepwise.prover.sim.world.WorldTheorem;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A generated miniF2F world with every kind of fault, driven for a while through the real
 * client paths: the Lean bridge's pool, proof sessions and acceptance gate on simulated REPL
 * processes, and HTTP completions from the simulated model server. Afterwards no REPL process
 * may be left, and the client's heap and threads must be back near where they started.
 * {@code -Dstepwise.soak.duration=10m} runs it longer (default 60s).
 */
@Tag("slow") // the 60 s soak
class SimulatorSoakTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();

    private void count(String what) {
        counts.computeIfAbsent(what, k -> new AtomicLong()).incrementAndGet();
    }

    private long counted(String what) {
        return counts.getOrDefault(what, new AtomicLong()).get();
    }

    @Test
    void survivesFaultsWithoutLeakingProcessesOrMemory(@TempDir Path dir) throws Exception {
        Duration duration = (Duration) ValueType.DURATION.parse(System.getProperty("stepwise.soak.duration", "60s"));
        var problems = new DatasetCatalog(CliHarness.repoRoot()).load("minif2f-test");
        Latency latency = new Latency(Duration.ZERO, Duration.ofMillis(100), Duration.ofMillis(1), Duration.ofMillis(3),
                Duration.ofHours(1), Duration.ofMillis(2), Duration.ZERO, 16);
        Faults faults = new Faults(0.01, 0.005, 0.005, 1 << 20, 0.05, 0.03, 0.01, 0.03, Duration.ofSeconds(5));
        GeneratorKnobs knobs = new GeneratorKnobs(2, 4, 3, 0.7, 0.4, 0.3, 0.1, 0.03, 0.02, 16);
        World world = new WorldGenerator().generate(problems, "minif2f-test", "sim", 17, knobs, latency, faults).world();
        Path worldFile = dir.resolve("soak.json");
        new WorldFile().write(world, worldFile);

        int threadsBefore = Thread.activeCount();
        Set<Long> pids = ConcurrentHashMap.newKeySet();
        long heapAfterWarmup;
        try (SimulatedStack stack = SimulatedStack.start(worldFile, ModelDialect.VLLM);
                HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()) {
            String header = world.theorems().get(0).header();
            ReplPoolConfig config = ReplPoolConfig.defaults(2, ReplProcessConfig.of(stack.replCommand(), dir), List.of(header))
                    .withTimeouts(Duration.ofSeconds(3), Duration.ofSeconds(60), Duration.ofSeconds(60))
                    .withRecycling(300, 512L << 20, Duration.ZERO)
                    .withHousekeeping(Duration.ofMillis(500), Duration.ofMillis(100), Duration.ofSeconds(2), Duration.ofMinutes(5));
            try (ReplPool pool = ReplPool.start(config, new ReplCodec(), HostTools.fromEnvironment(), InstantSource.system())) {
                ProofSessions sessions = new ProofSessions(pool, TacticFilter.defaults());
                AcceptanceGate gate = new AcceptanceGate(pool, GatePolicy.standard(Duration.ofSeconds(5)));
                heapAfterWarmup = usedHeap();
                Instant end = Instant.now().plus(duration);
                ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
                List<Future<?>> running = new ArrayList<>();
                for (int w = 0; w < 3; w++) {
                    Random rng = new Random(w);
                    running.add(workers.submit(() -> {
                        while (Instant.now().isBefore(end)) {
                            pids.addAll(pool.processPids());
                            WorldTheorem t = world.theorems().get(rng.nextInt(world.theorems().size()));
                            attempt(t, sessions, gate, http, stack, rng);
                        }
                        return null;
                    }));
                }
                for (Future<?> f : running) {
                    f.get();
                }
                workers.shutdown();
                PoolCounters c = pool.counters();
                System.out.println("soak (SIMULATED) " + duration + ": " + counts + ", pool " + c + ", model " + stack.server().stats());
                assertTrue(counted("started") > 0 && counted("step") > 0, "made progress: " + counts);
                if (duration.compareTo(Duration.ofSeconds(45)) >= 0) {
                    assertTrue(c.crashes() > 0, "REPL faults were injected and seen: " + c);
                    assertTrue(counted("model-retry") > 0, "model faults were injected and seen: " + counts);
                }
            }
        }
        // Nothing of the simulated stack may outlive it.
        Instant deadline = Instant.now().plusSeconds(15);
        while (Instant.now().isBefore(deadline) && pids.stream().anyMatch(SimulatorSoakTest::alive)) {
            Thread.sleep(100);
        }
        assertEquals(Set.of(), new HashSet<>(pids.stream().filter(SimulatorSoakTest::alive).toList()), "REPL processes left alive");
        assertEquals(List.of(), ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
                .map(p -> p.pid() + " " + p.info().commandLine().orElse("?")).filter(s -> s.contains("SimulatedReplMain")).toList());
        long heapGrowth = usedHeap() - heapAfterWarmup;
        assertTrue(heapGrowth < 64L << 20, "client heap grew by " + (heapGrowth >> 20) + " MiB");
        Instant threadDeadline = Instant.now().plusSeconds(10);
        while (Instant.now().isBefore(threadDeadline) && Thread.activeCount() > threadsBefore + 8) {
            Thread.sleep(100);
        }
        assertTrue(Thread.activeCount() <= threadsBefore + 8, "threads: " + threadsBefore + " before, " + Thread.activeCount() + " after");
    }

    /** One proof attempt: start, up to eight steps guided by the model, the gate if it completes. */
    private void attempt(WorldTheorem t, ProofSessions sessions, AcceptanceGate gate, HttpClient http, SimulatedStack stack,
            Random rng) throws InterruptedException {
        SessionStart start = sessions.start(t.header(), t.statement());
        if (!(start instanceof SessionStart.Started started)) {
            count("start-failed");
            return;
        }
        count("started");
        SessionState state = started.root();
        List<String> proof = new ArrayList<>();
        for (int depth = 0; depth < 8; depth++) {
            List<String> tactics = suggest(http, stack, String.join("\n\n", state.goals()), rng.nextLong());
            SessionState next = null;
            for (String tactic : tactics) {
                count("step");
                StepOutcome o = sessions.apply(state, tactic);
                switch (o) {
                    case StepOutcome.Progress p -> {
                        next = p.state();
                        proof.add(tactic);
                    }
                    case StepOutcome.Complete c -> {
                        proof.add(tactic);
                        GateVerdict v = gate.check(t.header(), t.name(), t.statement(),
                                t.statement() + "\n  " + String.join("\n  ", proof));
                        count("gate-" + v.decision().name().toLowerCase(java.util.Locale.ROOT));
                        return;
                    }
                    case StepOutcome.LeanError e -> count("lean-error");
                    case StepOutcome.Timeout to -> count("timeout");
                    case StepOutcome.Crash cr -> count("crash");
                    case StepOutcome.Refused r -> count("refused");
                }
                if (next != null) {
                    break;
                }
            }
            if (next == null) {
                return;
            }
            state = next;
        }
    }

    /** Up to four tactics from the model, retrying its injected failures as a client must. */
    private List<String> suggest(HttpClient http, SimulatedStack stack, String goals, long seed) throws InterruptedException {
        String body = "{\"model\": \"" + stack.modelName() + "\", \"prompt\": " + quote("[GOALS]\n" + goals + "\n[TACTIC]\n")
                + ", \"n\": 4, \"max_tokens\": 128, \"temperature\": 1.0, \"logprobs\": 0, \"seed\": " + seed + "}";
        for (int attempt = 0; attempt < 6; attempt++) {
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(stack.modelUrl() + "/v1/completions"))
                        .timeout(Duration.ofSeconds(2)).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() != 200) {
                    count("model-retry");
                    continue;
                }
                JsonNode json = JSON.readTree(r.body());
                List<String> out = new ArrayList<>();
                json.path("choices").forEach(c -> out.add(c.path("text").asText()));
                return out.stream().distinct().toList();
            } catch (HttpTimeoutException e) {
                count("model-retry");
            } catch (IOException e) {
                count("model-retry");
            }
        }
        count("model-gave-up");
        return List.of();
    }

    private static String quote(String s) {
        try {
            return JSON.writeValueAsString(s);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    private static long usedHeap() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return rt.totalMemory() - rt.freeMemory();
    }
}
