package dev.stepwise.prover.bench;

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
import dev.stepwise.prover.sim.SimulatedStack;
import dev.stepwise.prover.sim.model.ModelDialect;
import dev.stepwise.prover.sim.world.Faults;
import dev.stepwise.prover.sim.world.Latency;
import dev.stepwise.prover.sim.world.SimOutcome;
import dev.stepwise.prover.sim.world.SimState;
import dev.stepwise.prover.sim.world.SimTactic;
import dev.stepwise.prover.sim.world.World;
import dev.stepwise.prover.sim.world.WorldFile;
import dev.stepwise.prover.sim.world.WorldTheorem;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The pool's overhead: K SIMULATED REPL processes whose every tactic takes exactly L, kept busy
 * by 2K searches applying tactics through proof sessions. No pool can beat K/L tactics per
 * second, so achieved throughput divided by K/L is the share the pool (leasing, framing,
 * decoding, replays, the simulated REPLs' own CPU) leaves of the ideal.
 */
public final class PoolBench implements Benchmark {
    static final double TARGET_RATIO = 0.9;
    private static final String HEADER = "import Mathlib";
    private static final String STATEMENT = "theorem bench_pool (n : ℕ) : n = n := by";
    private static final String TACTIC = "skip";

    private final int processes;
    private final Duration latency;
    private final Duration warmup;
    private final Duration measure;

    public PoolBench(int processes, Duration latency, Duration warmup, Duration measure) {
        if (processes < 1 || processes > 256) {
            throw new IllegalArgumentException("processes must be in [1, 256], got " + processes);
        }
        if (latency.isNegative() || latency.isZero() || measure.isNegative() || measure.isZero()) {
            throw new IllegalArgumentException("latency and measuring time must be positive");
        }
        this.processes = processes;
        this.latency = latency;
        this.warmup = warmup;
        this.measure = measure;
    }

    @Override
    public String name() {
        return "pool";
    }

    @Override
    public List<BenchFigure> run(PrintWriter out) {
        try (BenchScratch scratch = BenchScratch.create(name())) {
            return run(out, scratch.path());
        }
    }

    private List<BenchFigure> run(PrintWriter out, Path dir) {
        Path worldFile = dir.resolve("pool-world.json");
        new WorldFile().write(world(), worldFile);
        int workers = 2 * processes;
        AtomicLong done = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicBoolean stop = new AtomicBoolean();
        long measured;
        double seconds;
        double aloneRate;
        PoolCounters counters;
        try (SimulatedStack stack = SimulatedStack.start(worldFile, ModelDialect.VLLM)) {
            var config = ReplPoolConfig.defaults(processes, ReplProcessConfig.of(stack.replCommand(), dir), List.of(HEADER))
                    .withTimeouts(Duration.ofSeconds(30), Duration.ofSeconds(120), Duration.ofSeconds(120));
            try (ReplPool pool = ReplPool.start(config, new ReplCodec(), HostTools.fromEnvironment(), InstantSource.system());
                    ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
                awaitFull(pool);
                ProofSessions sessions = new ProofSessions(pool, TacticFilter.defaults());
                // One search alone first: how close one process gets to 1/L on this machine right now
                // (scheduling delays of a loaded host show here too, not only in the pool).
                AtomicBoolean stopAlone = new AtomicBoolean();
                AtomicLong aloneDone = new AtomicLong();
                Future<?> alone = threads.submit(() -> search(sessions, stopAlone, aloneDone, failed));
                sleep(warmup);
                long aloneBefore = aloneDone.get();
                long aloneStart = System.nanoTime();
                sleep(warmup.multipliedBy(2));
                aloneRate = (aloneDone.get() - aloneBefore) / ((System.nanoTime() - aloneStart) / 1e9);
                stopAlone.set(true);
                alone.get();
                List<Future<?>> running = new ArrayList<>();
                for (int w = 0; w < workers; w++) {
                    running.add(threads.submit(() -> search(sessions, stop, done, failed)));
                }
                sleep(warmup);
                long before = done.get();
                long start = System.nanoTime();
                sleep(measure);
                measured = done.get() - before;
                seconds = (System.nanoTime() - start) / 1e9;
                stop.set(true);
                for (Future<?> f : running) {
                    f.get();
                }
                counters = pool.counters();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("bench pool interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("a bench pool worker failed: " + e.getCause(), e.getCause());
        }
        double achieved = measured / seconds;
        double ideal = processes / (latency.toNanos() / 1e9);
        double ratio = achieved / ideal;
        out.println("SIMULATED REPL processes (stepwise sim repl); every tactic takes exactly "
                + latency.toMillis() + " ms");
        out.printf(Locale.ROOT, "%-10s %-10s %-8s %-9s %-9s %-12s %-12s %-7s%n", "processes", "latency", "workers",
                "seconds", "tactics", "achieved/s", "ideal K/L/s", "ratio");
        out.printf(Locale.ROOT, "%-10d %-10s %-8d %-9.2f %-9d %-12.1f %-12.1f %-7.3f%n", processes,
                latency.toMillis() + " ms", workers, seconds, measured, achieved, ideal, ratio);
        out.printf(Locale.ROOT, "one search alone on one process: %.1f tactics/s = %.3f of 1/L (the host's own"
                + " delays, for reading the ratio)%n", aloneRate, aloneRate * latency.toNanos() / 1e9);
        out.println("pool counters: " + counters + "; failed steps: " + failed.get());
        return List.of(new BenchFigure("pool", "throughput_ratio", ratio, BenchFigure.Target.atLeast(TARGET_RATIO)));
    }

    private static void search(ProofSessions sessions, AtomicBoolean stop, AtomicLong done, AtomicLong failed) {
        SessionState root = null;
        while (root == null && !stop.get()) {
            if (sessions.start(HEADER, STATEMENT) instanceof SessionStart.Started s) {
                root = s.root();
            }
        }
        while (!stop.get()) {
            if (sessions.apply(root, TACTIC) instanceof StepOutcome.Progress) {
                done.incrementAndGet();
            } else {
                failed.incrementAndGet();
            }
        }
    }

    /** Measuring starts only when every process is warm, so start-up is not counted against the pool. */
    private void awaitFull(ReplPool pool) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (pool.counters().total() < processes) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("only " + pool.counters().total() + " of " + processes
                        + " simulated REPLs started within 2 minutes");
            }
            Thread.sleep(20);
        }
    }

    private static void sleep(Duration d) throws InterruptedException {
        Thread.sleep(d.toMillis());
    }

    private World world() {
        String goal = "n : ℕ\n⊢ n = n";
        SimState s0 = new SimState("s0", List.of(goal), List.of(new SimTactic(TACTIC, 1, new SimOutcome.Next("s0"))));
        WorldTheorem t = new WorldTheorem("bench_pool", HEADER, STATEMENT, false, "s0", List.of(s0));
        Latency l = new Latency(Duration.ZERO, Duration.ZERO, latency, latency, Duration.ofHours(1), Duration.ZERO,
                Duration.ZERO, 1);
        return new World(World.FORMAT, World.VERSION, true, "sim-model", 1, "bench pool", l, Faults.none(),
                List.of(TACTIC), List.of(t));
    }
}
