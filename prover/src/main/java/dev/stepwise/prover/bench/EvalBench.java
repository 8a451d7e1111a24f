package dev.stepwise.prover.bench;

import dev.stepwise.prover.sim.SimulatedStack;
import dev.stepwise.prover.sim.world.Latency;
import dev.stepwise.prover.sim.world.WorldFile;
import dev.stepwise.prover.store.Attempt;
import dev.stepwise.prover.store.Run;
import dev.stepwise.prover.store.Store;
import dev.stepwise.search.EdgeRecord;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A whole simulated evaluation with realistic latencies, run through the production paths (the
 * {@code stepwise eval --simulate} command: simulated REPL processes, the simulated model server
 * over HTTP), against the lower bound its recorded work implies: all Lean work spread over the K
 * processes, or all model requests spread over the server's capacity C, whichever is longer, plus
 * the warm-up of one process. Wall time over that bound says how well the scheduler keeps both busy.
 * Then the same evaluation in whole-proof mode ({@code --whole-proof}, Goedel-Prover-V2's chat
 * format with revisions from Lean's errors), against the bound of its own work: its chat requests
 * over C, or its proofs' elaboration by the gate over K.
 */
public final class EvalBench implements Benchmark {
    private final InProcessCli cli;
    private final int problems;
    private final int processes;
    private final String budget;
    private final WholeProofShape whole;

    /**
     * The shape of the whole-proof run: proofs sampled per attempt, asked for {@code batch} at a
     * time, each refused one revised up to {@code revisions} times.
     */
    public record WholeProofShape(int samples, int batch, int revisions) {
        public WholeProofShape {
            if (samples < 1 || batch < 1 || revisions < 0) {
                throw new IllegalArgumentException("whole-proof samples and batch must be >= 1 and revisions >= 0");
            }
        }
    }

    public EvalBench(InProcessCli cli, int problems, int processes, String budget) {
        this(cli, problems, processes, budget, new WholeProofShape(8, 4, 1));
    }

    public EvalBench(InProcessCli cli, int problems, int processes, String budget, WholeProofShape whole) {
        this.cli = cli;
        this.problems = problems;
        this.processes = processes;
        this.budget = budget;
        this.whole = whole;
    }

    @Override
    public String name() {
        return "eval";
    }

    @Override
    public List<BenchFigure> run(PrintWriter out) {
        // The world and the store take some megabytes; nothing in them is needed after the figure.
        try (BenchScratch scratch = BenchScratch.create(name())) {
            return run(out, scratch.path());
        }
    }

    private List<BenchFigure> run(PrintWriter out, Path dir) {
        Path world = dir.resolve("world.json");
        cli(dir, "sim", "generate", "--from", "minif2f-test", "--limit", String.valueOf(problems), "--seed", "2026",
                "--out", world.toString(), "--header-import", "3s", "--tactic-time", "20ms..60ms", "--model-latency", "300ms",
                "--model-capacity", "32", "--timeout-rate", "0", "--crash-rate", "0", "--cheat-rate", "0");
        // Made once per build, before the clock starts: a one-time cost of the simulator, not of the eval.
        SimulatedStack.prepareClassArchive(world);
        Optional<Double> loadBefore = HostLoad.loadAverage();
        Optional<HostLoad.Cpu> cpuBefore = HostLoad.cpu();
        long t0 = System.nanoTime();
        String evalErr = cli(dir, "eval", "--dataset", "minif2f-test", "--limit", String.valueOf(problems), "--simulate", world.toString(),
                "--budget", budget, "--name", "bench", "--set", "pool.size=" + processes,
                "--set", "search.concurrent-attempts=256", "--set", "search.policy-in-flight=256");
        Duration wall = Duration.ofNanos(System.nanoTime() - t0);
        Optional<HostLoad.Cpu> cpu = cpuBefore.flatMap(before -> HostLoad.cpu().map(after -> after.since(before)));

        Latency latency = new WorldFile().read(world).latency();
        Work work = work(dir);
        double tactic = (latency.tacticMin().toNanos() + latency.tacticMax().toNanos()) / 2e9;
        double warmup = (latency.replStart().toNanos() + latency.headerImport().toNanos()) / 1e9;
        double leanSeconds = work.leanCommands() * tactic / processes;
        double modelSeconds = work.requests() * latency.modelRequest().toNanos() / 1e9 / latency.modelCapacity();
        double bound = warmup + Math.max(leanSeconds, modelSeconds);
        double seconds = wall.toNanos() / 1e9;

        out.printf(Locale.ROOT, "simulated eval of %d minif2f-test problems, budget %s, K = %d Lean processes, "
                + "model capacity C = %d, latency %s per request, tactics %s..%s%n", problems, budget, processes,
                latency.modelCapacity(), latency.modelRequest(), latency.tacticMin(), latency.tacticMax());
        out.printf(Locale.ROOT, "  solved                      %d / %d%n", work.solved(), problems);
        out.printf(Locale.ROOT, "  Lean commands               %,d (tactics, starts, gate re-elaboration)%n", work.leanCommands());
        out.printf(Locale.ROOT, "  model requests              %,d%n", work.requests());
        out.printf(Locale.ROOT, "  Lean-bound time             %.1f s (work / K)%n", leanSeconds);
        out.printf(Locale.ROOT, "  model-bound time            %.1f s (requests × latency / C)%n", modelSeconds);
        out.printf(Locale.ROOT, "  lower bound                 %.1f s (with %.1f s warm-up)%n", bound, warmup);
        out.printf(Locale.ROOT, "  wall time                   %.1f s%n", seconds);
        // the run's own last word on Lean: how much of its searching time the processes were leased
        evalErr.lines().filter(l -> l.startsWith("Lean: ")).reduce((a, b) -> b)
                .ifPresent(l -> out.printf(Locale.ROOT, "  Lean use (the run's line)   %s%n", l.substring("Lean: ".length())));
        int cores = Runtime.getRuntime().availableProcessors();
        // Everything here (the searches, the simulated Lean processes and model server) shares the
        // host's CPUs: a run that used most of them, or a busy host, is slower than its schedule.
        out.printf(Locale.ROOT, "  host                        %d cores, load average %s before the run%n", cores,
                loadBefore.map(l -> String.format(Locale.ROOT, "%.1f", l)).orElse("unknown"));
        out.printf(Locale.ROOT, "  CPU used                    %s%n", cpu.map(c -> String.format(Locale.ROOT,
                "%.1f s (%.0f%% of the cores over the wall time): %.1f s in this JVM (searches, pool, simulated model "
                        + "server), %.1f s in the simulated Lean processes", seconds(c.total()),
                100 * seconds(c.total()) / (seconds * cores), seconds(c.self()), seconds(c.children()))).orElse("unknown"));
        BenchFigure step = new BenchFigure("eval", "wall_over_lower_bound", seconds / bound, BenchFigure.Target.atMost(1.25));
        return List.of(step, wholeProof(out, dir, world, latency));
    }

    /**
     * The whole-proof run on the same world: every statement's proofs sampled from the simulated
     * chat server and checked by the gate on the K processes. Its lower bound: the warm-up, then the
     * larger of its requests over C (a chat request holds one of the server's C places for the
     * world's request latency whatever its n) and the gate's elaboration over K (the simulated REPL
     * spends one tactic time per proof line it elaborates: every line of an accepted proof, at least
     * the first of a refused one).
     */
    private BenchFigure wholeProof(PrintWriter out, Path dir, Path world, Latency latency) {
        String name = "bench-whole-proof";
        long t0 = System.nanoTime();
        String err = cli(dir, "eval", "--dataset", "minif2f-test", "--limit", String.valueOf(problems), "--simulate", world.toString(),
                "--whole-proof", String.valueOf(whole.samples()), "--revisions", String.valueOf(whole.revisions()),
                "--name", name, "--set", "pool.size=" + processes, "--set", "model.whole-proof-template=goedel-prover-v2",
                "--set", "search.sample-batch=" + whole.batch(),
                "--set", "search.concurrent-attempts=256", "--set", "search.policy-in-flight=256");
        double seconds = (System.nanoTime() - t0) / 1e9;
        WholeWork work = wholeWork(dir, name);
        double tactic = (latency.tacticMin().toNanos() + latency.tacticMax().toNanos()) / 2e9;
        double warmup = (latency.replStart().toNanos() + latency.headerImport().toNanos()) / 1e9;
        double leanSeconds = work.linesElaborated() * tactic / processes;
        double modelSeconds = work.requests() * latency.modelRequest().toNanos() / 1e9 / latency.modelCapacity();
        double bound = warmup + Math.max(leanSeconds, modelSeconds);
        out.printf(Locale.ROOT, "whole-proof mode on the same world: goedel-prover-v2's chat format, %d proofs per attempt "
                + "(%d per request), up to %d revision%s each%n", whole.samples(), whole.batch(), whole.revisions(),
                whole.revisions() == 1 ? "" : "s");
        out.printf(Locale.ROOT, "  solved                      %d / %d%n", work.solved(), problems);
        out.printf(Locale.ROOT, "  proofs checked              %,d (%,d sampled, %,d revisions)%n", work.samples() + work.revisions(),
                work.samples(), work.revisions());
        out.printf(Locale.ROOT, "  chat requests               %,d%n", work.requests());
        out.printf(Locale.ROOT, "  Lean-bound time             %.1f s (%,d proof lines elaborated at least × mean tactic time / K)%n",
                leanSeconds, work.linesElaborated());
        out.printf(Locale.ROOT, "  model-bound time            %.1f s (requests × latency / C)%n", modelSeconds);
        out.printf(Locale.ROOT, "  lower bound                 %.1f s (with %.1f s warm-up)%n", bound, warmup);
        out.printf(Locale.ROOT, "  wall time                   %.1f s%n", seconds);
        err.lines().filter(l -> l.startsWith("Lean: ")).reduce((a, b) -> b)
                .ifPresent(l -> out.printf(Locale.ROOT, "  Lean use (the run's line)   %s%n", l.substring("Lean: ".length())));
        return new BenchFigure("eval", "whole_proof_wall_over_lower_bound", seconds / bound, BenchFigure.Target.atMost(1.25));
    }

    /** What the whole-proof run did, read back from its store. */
    private record WholeWork(long requests, long samples, long revisions, long linesElaborated, int solved) {
    }

    private static WholeWork wholeWork(Path dir, String name) {
        try (Store store = Store.open(dir.resolve(".stepwise/stepwise.db"), Duration.ofSeconds(30))) {
            Run run = store.runs().findByName(name).orElseThrow();
            long requests = 0;
            long samples = 0;
            long revisions = 0;
            long lines = 0;
            int solved = 0;
            for (Attempt a : store.attempts().forRun(run.id())) {
                // a whole-proof attempt's expansions are the requests it sent
                requests += a.counts().expansions();
                samples += a.samples();
                revisions += a.revisions();
                solved += a.proof().isPresent() ? 1 : 0;
                for (EdgeRecord e : store.attempts().tree(a.id()).edges()) {
                    lines += switch (e.kind()) {
                        case PROOF_COMPLETE -> topLevelLines(e.tactic());
                        case PROOF_REJECTED -> 1;
                        // a check Lean never answered may have elaborated nothing
                        case CRASHED, FILTERED, PROGRESS, LEAN_ERROR, TIMEOUT, REJECTED, CYCLE -> 0;
                    };
                }
            }
            return new WholeWork(requests, samples, revisions, lines, solved);
        }
    }

    /** The tactics of a proof as the REPL elaborates them: its lines at the outermost indentation (deeper ones continue a tactic). */
    static long topLevelLines(String proof) {
        List<String> lines = proof.lines().filter(l -> !l.isBlank()).toList();
        int outer = lines.stream().mapToInt(EvalBench::indent).min().orElse(0);
        return lines.stream().filter(l -> indent(l) == outer).count();
    }

    private static int indent(String line) {
        int i = 0;
        while (i < line.length() && line.charAt(i) == ' ') {
            i++;
        }
        return i;
    }

    private static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }

    /** What the run did, read back from its store. */
    private record Work(long leanCommands, long requests, int solved) {
    }

    private static Work work(Path dir) {
        try (Store store = Store.open(dir.resolve(".stepwise/stepwise.db"), Duration.ofSeconds(30))) {
            Run run = store.runs().findByName("bench").orElseThrow();
            long lean = 0;
            long requests = 0;
            int solved = 0;
            for (Attempt a : store.attempts().forRun(run.id())) {
                // One command starts the attempt; each proof is elaborated again tactic by tactic by the gate.
                lean += a.counts().tacticCalls() + 1;
                requests += a.counts().expansions();
                if (a.proof().isPresent()) {
                    lean += a.proof().get().tactics().size();
                    solved++;
                }
            }
            return new Work(lean, requests, solved);
        }
    }

    /** Runs a command in this JVM; returns what it wrote on stderr. */
    private String cli(Path dir, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = cli.run(dir, new PrintWriter(out), new PrintWriter(err), args);
        // eval exits 1 when some problem is not proved, which a simulated world always has; a
        // problem left failed (to retry on resume) still spoils the measurement.
        boolean answeredNo = code == 1 && "eval".equals(args[0]) && !out.toString().contains("| failed (retried on resume) |");
        if (code != 0 && !answeredNo) {
            throw new IllegalStateException("bench eval: 'stepwise " + String.join(" ", args) + "' exited " + code + ": "
                    + err.toString().strip());
        }
        return err.toString();
    }

}
