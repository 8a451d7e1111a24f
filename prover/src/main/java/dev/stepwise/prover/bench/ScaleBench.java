package dev.stepwise.prover.bench;

import dev.stepwise.prover.store.Attempt;
import dev.stepwise.prover.store.PostgresScratch;
import dev.stepwise.prover.store.Run;
import dev.stepwise.prover.store.RunProblem;
import dev.stepwise.prover.store.Store;
import dev.stepwise.prover.store.StoreLocation;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Many workers on one shared run: a SIMULATED minif2f-test run in a PostgreSQL database of its
 * own, created by {@code eval --shared --coordinate} (in this JVM, as on the host that starts a
 * run) and searched by {@code stepwise worker} processes (JVMs of their own, each with its own
 * simulated model server and Lean processes, as users start them), first one worker, then K. The
 * world's latencies (model calls of a second, tactics of tens of milliseconds) make the work wait,
 * not compute, so the host's cores are not what bounds K workers. The figure is K workers' steady
 * rate of work over K times one worker's ({@link SteadyRate}), and the workers' own measure of what
 * the queue costs: their claim and finish calls per problem.
 */
public final class ScaleBench implements Benchmark {
    /** What a worker says last (WorkerCommand): how many problems it finished and its queue calls' cost. */
    private static final Pattern WORKER_DONE = Pattern.compile(
            "this worker finished (\\d+).*?claiming and finishing took ([0-9.]+) ms per problem");

    /**
     * The run's size and the world's pace.
     *
     * @param workers K, the workers of the second phase
     * @param problemsPerWorker problems per worker (the first phase has this many, the second K times as many)
     * @param slots problems each worker searches at once ({@code worker --workers})
     * @param leanProcesses simulated Lean processes per worker ({@code pool.size})
     * @param modelLatency the simulated model server's time per request
     * @param tacticTime the simulated time per tactic, MIN..MAX
     */
    public record Shape(int workers, int problemsPerWorker, int slots, int leanProcesses, String budget,
            String modelLatency, String tacticTime, String headerImport) {
        public Shape {
            if (workers < 2 || problemsPerWorker < 1 || slots < 1 || leanProcesses < 1) {
                throw new IllegalArgumentException("bench scale: workers >= 2, problems, slots and Lean processes >= 1; got "
                        + workers + ", " + problemsPerWorker + ", " + slots + ", " + leanProcesses);
            }
            Objects.requireNonNull(budget, "budget");
        }
    }

    /**
     * @param adminUrl a PostgreSQL server and a user that may create databases; the bench makes one and drops it
     * @param env the environment (PGPASSWORD; CI_REQUIRE_PG makes a missing server a failure, not a skip)
     */
    public ScaleBench(InProcessCli cli, CliProcess processes, String adminUrl, Map<String, String> env, Shape shape) {
        this.cli = cli;
        this.processes = processes;
        this.adminUrl = adminUrl;
        this.env = Map.copyOf(env);
        this.shape = shape;
    }

    private final InProcessCli cli;
    private final CliProcess processes;
    private final String adminUrl;
    private final Map<String, String> env;
    private final Shape shape;

    @Override
    public String name() {
        return "scale";
    }

    @Override
    public List<BenchFigure> run(PrintWriter out) {
        Optional<String> unreachable = PostgresScratch.unreachable(adminUrl, env);
        if (unreachable.isPresent()) {
            String why = "no PostgreSQL server at " + StoreLocation.postgres(adminUrl) + " (" + unreachable.get() + ")";
            if (env.containsKey("CI_REQUIRE_PG")) {
                throw new IllegalStateException("bench scale: " + why + "; CI_REQUIRE_PG is set: it must run");
            }
            out.println("bench scale skipped: " + why + "; start one, or name one with --postgres URL");
            return List.of();
        }
        try (BenchScratch scratch = BenchScratch.create(name());
                PostgresScratch db = PostgresScratch.create(adminUrl, "stepwise_bench_scale", env)) {
            return run(out, scratch.path(), db.location());
        }
    }

    /** One phase: k workers on a run of problems. */
    private record Phase(int workers, int problems, Duration wall, SteadyRate rate, int solved, long expansions,
            double queueMillis, Optional<HostLoad.Cpu> cpu) {
    }

    private List<BenchFigure> run(PrintWriter out, Path dir, StoreLocation.Postgres db) {
        int most = shape.workers() * shape.problemsPerWorker();
        Path world = dir.resolve("world.json");
        // Every problem unprovable: each search spends its whole budget, so problems cost alike and
        // the phases' work differs only in amount.
        inProcess(dir, "sim", "generate", "--from", "minif2f-test", "--limit", String.valueOf(most), "--seed", "2026",
                "--out", world.toString(), "--provable", "0", "--header-import", shape.headerImport(),
                "--tactic-time", shape.tacticTime(), "--model-latency", shape.modelLatency(), "--model-capacity", "64",
                "--timeout-rate", "0", "--crash-rate", "0", "--cheat-rate", "0");
        out.printf(Locale.ROOT, "SIMULATED minif2f-test run shared through PostgreSQL (a database of its own), budget %s; "
                + "each worker a JVM of its own with %d problems at once, %d simulated Lean processes, model calls of %s, "
                + "tactics %s%n", shape.budget(), shape.slots(), shape.leanProcesses(), shape.modelLatency(), shape.tacticTime());
        Optional<Double> loadBefore = HostLoad.loadAverage();
        Phase one = phase(dir, db, world, 1, shape.problemsPerWorker());
        Phase many = phase(dir, db, world, shape.workers(), most);
        int k = shape.workers();
        String row = "  %-34s %14s %14s%n";
        out.printf(Locale.ROOT, row, "", "1 worker", k + " workers");
        out.printf(Locale.ROOT, row, "problems (solved)", one.problems() + " (" + one.solved() + ")",
                many.problems() + " (" + many.solved() + ")");
        out.printf(Locale.ROOT, row, "expansions", one.expansions(), many.expansions());
        out.printf(Locale.ROOT, row, "wall time (JVM starts included)", seconds(one.wall()), seconds(many.wall()));
        out.printf(Locale.ROOT, row, "steady window" + (one.rate().steady() && many.rate().steady() ? "" : " (*: whole run)"),
                seconds(one.rate().window()) + (one.rate().steady() ? "" : "*"),
                seconds(many.rate().window()) + (many.rate().steady() ? "" : "*"));
        out.printf(Locale.ROOT, row, "expansions per second", fixed(one.rate().workPerSecond()), fixed(many.rate().workPerSecond()));
        out.printf(Locale.ROOT, row, "problems per second", fixed(one.rate().problemsPerSecond()),
                fixed(many.rate().problemsPerSecond()));
        out.printf(Locale.ROOT, row, "claim + finish per problem", fixed(one.queueMillis()) + " ms", fixed(many.queueMillis()) + " ms");
        out.printf(Locale.ROOT, row, "CPU used (all processes)", one.cpu().map(c -> seconds(c.total())).orElse("unknown"),
                many.cpu().map(c -> seconds(c.total())).orElse("unknown"));
        out.printf(Locale.ROOT, "  host: %d cores, load average %s before the bench%n", Runtime.getRuntime().availableProcessors(),
                loadBefore.map(l -> String.format(Locale.ROOT, "%.1f", l)).orElse("unknown"));
        double ideal = k * one.rate().workPerSecond();
        out.printf(Locale.ROOT, "  ideal for %d workers: %d × %.2f = %.2f expansions per second; measured %.2f%n", k, k,
                one.rate().workPerSecond(), ideal, many.rate().workPerSecond());
        return List.of(
                new BenchFigure("scale", "throughput_ratio", many.rate().workPerSecond() / ideal, BenchFigure.Target.atLeast(0.9)),
                new BenchFigure("scale", "claim_ms_per_problem", many.queueMillis(), BenchFigure.Target.atMost(100)));
    }

    private Phase phase(Path dir, StoreLocation.Postgres db, Path world, int k, int problems) {
        String name = "scale-k" + k;
        Optional<HostLoad.Cpu> cpuBefore = HostLoad.cpu();
        long t0 = System.nanoTime();
        // The host that starts the run: it creates the run and follows the workers, searching nothing itself.
        CompletableFuture<String> coordinator = new CompletableFuture<>();
        Thread.ofPlatform().name("bench-scale-coordinator").daemon(true).start(() -> {
            try {
                coordinator.complete(inProcess(dir, "--db", db.toString(), "eval", "--dataset", "minif2f-test",
                        "--limit", String.valueOf(problems), "--simulate", world.toString(), "--budget", shape.budget(),
                        "--shared", "--coordinate", "--name", name, "--set", "pool.size=1"));
            } catch (RuntimeException e) {
                coordinator.completeExceptionally(e);
            }
        });
        awaitRun(db, name, coordinator);
        List<Process> workers = new ArrayList<>();
        List<Path> logs = new ArrayList<>();
        try {
            for (int w = 0; w < k; w++) {
                Path log = dir.resolve(name + "-w" + w + ".err");
                logs.add(log);
                ProcessBuilder pb = new ProcessBuilder(processes.command(List.of("--db", db.toString(), "worker", "--run", name,
                        "--workers", String.valueOf(shape.slots()), "--set", "pool.size=" + shape.leanProcesses())))
                        .directory(dir.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(log.toFile());
                // This invocation's configuration, not whatever STEPWISE_* the bench's own process was started with.
                pb.environment().keySet().removeIf(key -> key.startsWith("STEPWISE_"));
                pb.environment().putAll(env);
                workers.add(pb.start());
            }
            double queueMillis = 0;
            int finished = 0;
            for (int w = 0; w < k; w++) {
                Process p = workers.get(w);
                if (!p.waitFor(20, TimeUnit.MINUTES) || p.exitValue() != 0) {
                    throw new IllegalStateException("bench scale: worker " + w + " of " + name + " "
                            + (p.isAlive() ? "did not finish in 20 minutes" : "exited " + p.exitValue()) + ": " + tail(logs.get(w)));
                }
                Matcher m = WORKER_DONE.matcher(Files.readString(logs.get(w)));
                if (m.find()) {
                    int n = Integer.parseInt(m.group(1));
                    finished += n;
                    queueMillis += n * Double.parseDouble(m.group(2));
                }
            }
            coordinator.get(5, TimeUnit.MINUTES);
            Duration wall = Duration.ofNanos(System.nanoTime() - t0);
            Optional<HostLoad.Cpu> cpu = cpuBefore.flatMap(before -> HostLoad.cpu().map(after -> after.since(before)));
            return measured(db, name, k, wall, finished == 0 ? Double.NaN : queueMillis / finished, cpu);
        } catch (IOException e) {
            throw new UncheckedIOException("bench scale: cannot start or read a worker", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("bench scale: interrupted", e);
        } catch (Exception e) {
            if (e instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("bench scale: the coordinating eval of " + name + " failed: " + e.getMessage(), e);
        } finally {
            for (Process p : workers) {
                p.destroyForcibly();
            }
        }
    }

    private Phase measured(StoreLocation.Postgres db, String name, int k, Duration wall, double queueMillis,
            Optional<HostLoad.Cpu> cpu) {
        try (Store store = Store.open(db, Duration.ofSeconds(30), env)) {
            Run run = store.runs().findByName(name).orElseThrow();
            Map<String, Long> expansions = store.attempts().forRun(run.id()).stream().collect(Collectors.groupingBy(
                    Attempt::problem, Collectors.summingLong(a -> a.counts().expansions())));
            List<SteadyRate.Span> spans = new ArrayList<>();
            int solved = 0;
            for (RunProblem p : store.problems().list(run.id())) {
                if (p.startedAt() == null || p.endedAt() == null) {
                    throw new IllegalStateException("bench scale: problem " + p.problem().name() + " of " + name
                            + " has no claim or finish time (status " + p.status().code() + ")");
                }
                spans.add(new SteadyRate.Span(p.startedAt(), p.endedAt(), expansions.getOrDefault(p.problem().name(), 0L)));
                solved += p.status().code().equals("proved") ? 1 : 0;
            }
            long all = expansions.values().stream().mapToLong(Long::longValue).sum();
            return new Phase(k, spans.size(), wall, SteadyRate.of(spans, k * shape.slots()), solved, all, queueMillis, cpu);
        }
    }

    /** Waits until the coordinating eval has created the run with its problems, or has ended without it. */
    private void awaitRun(StoreLocation.Postgres db, String name, CompletableFuture<String> coordinator) {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        try (Store store = Store.open(db, Duration.ofSeconds(30), env)) {
            while (store.runs().findByName(name).map(r -> store.problems().list(r.id()).isEmpty()).orElse(true)) {
                if (coordinator.isDone()) {
                    throw new IllegalStateException("bench scale: the coordinating eval ended before run " + name + " existed: "
                            + coordinator.handle((r, e) -> e == null ? r : e.getMessage()).join());
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("bench scale: run " + name + " was not created in 5 minutes");
                }
                Thread.sleep(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("bench scale: interrupted", e);
        }
    }

    /** Runs a command in this JVM; returns what it wrote on stderr. */
    private String inProcess(Path dir, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = cli.run(dir, new PrintWriter(out), new PrintWriter(err), args);
        // eval exits 1 when some problem is not proved, which every problem of this world is
        boolean answeredNo = code == 1 && List.of(args).contains("eval") && !out.toString().contains("| failed (retried on resume) |");
        if (code != 0 && !answeredNo) {
            throw new IllegalStateException("bench scale: 'stepwise " + String.join(" ", args) + "' exited " + code + ": "
                    + err.toString().strip());
        }
        return err.toString();
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 10), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1f s", d.toNanos() / 1e9);
    }

    private static String fixed(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
