package dev.stepwise.prover.bench;

import dev.stepwise.prover.eval.ProblemResult;
import dev.stepwise.prover.eval.StoredRun;
import dev.stepwise.prover.sim.world.Faults;
import dev.stepwise.prover.sim.world.SimOutcome;
import dev.stepwise.prover.sim.world.SimState;
import dev.stepwise.prover.sim.world.SimTactic;
import dev.stepwise.prover.sim.world.World;
import dev.stepwise.prover.sim.world.WorldFile;
import dev.stepwise.prover.sim.world.WorldTheorem;
import dev.stepwise.prover.store.Store;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Fault injection: one simulated world evaluated without faults and with REPL crashes, hangs and
 * garbage answers and model-server errors and stalls, both through the production paths. Faults
 * may cost time and leave problems "failed" (retried on resume), but a problem the fault-free run
 * solves must never end "unproved", no proof may be accepted that the world does not have, and
 * resuming the faulty run (in the same faulty world) must end with the fault-free run's answers.
 */
public final class FaultsBench implements Benchmark {
    /** Runs of the same command after the first, each retrying only what faults cut short. */
    private static final int MAX_RESUMES = 8;

    private final InProcessCli cli;
    private final int problems;
    private final Faults faults;

    public FaultsBench(InProcessCli cli, int problems, Faults faults) {
        this.cli = cli;
        this.problems = problems;
        this.faults = faults;
    }

    @Override
    public String name() {
        return "faults";
    }

    @Override
    public List<BenchFigure> run(PrintWriter out) {
        try (BenchScratch scratch = BenchScratch.create(name())) {
            return run(out, scratch.path());
        }
    }

    private List<BenchFigure> run(PrintWriter out, Path dir) {
        Path worldFile = dir.resolve("world.json");
        cli(dir, "sim", "generate", "--from", "minif2f-test", "--limit", String.valueOf(problems), "--seed", "11", "--out",
                worldFile.toString(), "--provable", "0.6", "--timeout-rate", "0", "--crash-rate", "0", "--cheat-rate",
                "0.3", "--header-import", "20ms", "--model-latency", "2ms");
        WorldFile files = new WorldFile();
        World world = files.read(worldFile);
        Path faultyFile = dir.resolve("faulty.json");
        files.write(world.withFaults(faults), faultyFile);

        Path clean = mkdirs(dir.resolve("fault-free"));
        long t0 = System.nanoTime();
        String cleanErr = eval(clean, worldFile);
        double cleanSeconds = (System.nanoTime() - t0) / 1e9;
        Map<String, ProblemResult> expected = results(clean);

        Path faulty = mkdirs(dir.resolve("faulty"));
        t0 = System.nanoTime();
        String firstErr = eval(faulty, faultyFile);
        Map<String, ProblemResult> first = results(faulty);
        int wrongAccepts = wrongAccepts(world, first.values());
        int resumes = 0;
        Map<String, ProblemResult> last = first;
        while (resumes < MAX_RESUMES && last.values().stream().anyMatch(r -> r.outcome() == ProblemResult.Outcome.FAILED)) {
            eval(faulty, faultyFile); // the same command continues the run
            resumes++;
            last = results(faulty);
            wrongAccepts += wrongAccepts(world, last.values());
        }
        double faultySeconds = (System.nanoTime() - t0) / 1e9;

        Set<String> solved = solved(expected);
        long falseNos = first.values().stream().filter(r -> r.outcome() == ProblemResult.Outcome.UNPROVED)
                .filter(r -> solved.contains(r.name())).count();
        long failedFirst = first.values().stream().filter(r -> r.outcome() == ProblemResult.Outcome.FAILED).count();
        Set<String> difference = new TreeSet<>(solved);
        difference.addAll(solved(last));
        Set<String> both = new TreeSet<>(solved);
        both.retainAll(solved(last));
        difference.removeAll(both);
        long unfinished = last.values().stream().filter(r -> r.outcome() == ProblemResult.Outcome.FAILED).count();

        out.printf(Locale.ROOT, "simulated eval of %d minif2f-test problems (budget 1x8x60, 2 Lean processes), with and without "
                + "faults%n", problems);
        out.printf(Locale.ROOT, "  faults per REPL command     crash %.3f, hang %.3f, garbage %.3f%n", faults.replCrash(),
                faults.replHang(), faults.replGarbage());
        out.printf(Locale.ROOT, "  faults per model request    429 %.3f, 500 %.3f, stall %.3f (%s)%n", faults.model429(),
                faults.model500(), faults.modelTimeout(), faults.modelTimeoutDelay());
        out.printf(Locale.ROOT, "  fault-free run              %d solved, %d unproved, %.1f s; %s%n", solved.size(),
                expected.size() - solved.size(), cleanSeconds, leanLine(cleanErr));
        out.printf(Locale.ROOT, "  faulty run, first pass      %d solved, %d unproved, %d failed (retried); %s%n",
                solved(first).size(), first.values().stream().filter(r -> r.outcome() == ProblemResult.Outcome.UNPROVED).count(),
                failedFirst, leanLine(firstErr));
        out.printf(Locale.ROOT, "  after %d resume(s)           %d solved, %d still failed, %.1f s in all%n", resumes,
                solved(last).size(), unfinished, faultySeconds);
        out.printf(Locale.ROOT, "  solved only by one run      %s%n", difference.isEmpty() ? "none" : String.join(", ", difference));
        return List.of(
                new BenchFigure("faults", "fault_free_solved_ending_unproved", falseNos, BenchFigure.Target.atMost(0)),
                new BenchFigure("faults", "wrong_accepts", wrongAccepts, BenchFigure.Target.atMost(0)),
                new BenchFigure("faults", "solved_set_difference_after_resume", difference.size() + unfinished,
                        BenchFigure.Target.atMost(0)));
    }

    private static String leanLine(String err) {
        return err.lines().filter(l -> l.startsWith("Lean: ")).reduce((a, b) -> b).orElse("no Lean line");
    }

    private static Set<String> solved(Map<String, ProblemResult> results) {
        Set<String> out = new TreeSet<>();
        results.values().stream().filter(ProblemResult::proved).forEach(r -> out.add(r.name()));
        return out;
    }

    /** Accepted proofs that do not walk the world's graph from the root to a real completion (a cheat accepted). */
    static int wrongAccepts(World world, Iterable<ProblemResult> results) {
        int wrong = 0;
        for (ProblemResult r : results) {
            if (r.proved() && !genuine(world.theorem(r.name()), r.proof())) {
                wrong++;
            }
        }
        return wrong;
    }

    private static boolean genuine(Optional<WorldTheorem> theorem, List<String> proof) {
        if (theorem.isEmpty() || !theorem.get().provable() || proof.isEmpty()) {
            return false;
        }
        WorldTheorem t = theorem.get();
        SimState state = t.rootState();
        for (int i = 0; i < proof.size(); i++) {
            Optional<SimTactic> step = state.find(proof.get(i));
            if (step.isEmpty()) {
                return false;
            }
            boolean lastStep = i == proof.size() - 1;
            switch (step.get().outcome()) {
                case SimOutcome.Next n when !lastStep -> state = t.state(n.state());
                case SimOutcome.Complete c when lastStep -> {
                    return true;
                }
                default -> {
                    return false;
                }
            }
        }
        return false;
    }

    private Map<String, ProblemResult> results(Path work) {
        try (Store store = Store.open(work.resolve(".stepwise/stepwise.db"), Duration.ofSeconds(30))) {
            Map<String, ProblemResult> out = new TreeMap<>();
            for (ProblemResult r : StoredRun.find(store, "faults").orElseThrow().results()) {
                out.put(r.name(), r);
            }
            return out;
        }
    }

    /**
     * One eval pass. The deadlines are what turn a hung REPL into a timeout (the simulated tactics
     * take milliseconds); the simulated REPL is our own program, so it runs unsandboxed.
     */
    private String eval(Path work, Path world) {
        List<String> args = new ArrayList<>(List.of("eval", "--dataset", "minif2f-test", "--limit", String.valueOf(problems),
                "--simulate", world.toString(), "--budget", "1x8x60", "--name", "faults", "--set", "pool.size=2",
                "--set", "lean.tactic-timeout=1s", "--set", "lean.gate-timeout=1s", "--set", "lean.sandbox=off",
                "--set", "model.retry-backoff=10ms", "--set", "model.retry-backoff-max=50ms"));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = cli.run(work, new PrintWriter(out), new PrintWriter(err),
                args.toArray(String[]::new));
        // 0: finished; 1: problems left to retry. Anything else is not a result.
        if (code != 0 && code != 1) {
            throw new IllegalStateException("bench faults: 'stepwise " + String.join(" ", args) + "' exited " + code + ": "
                    + err.toString().strip());
        }
        return err.toString();
    }

    private void cli(Path dir, String... args) {
        StringWriter err = new StringWriter();
        int code = cli.run(dir, new PrintWriter(new StringWriter()),
                new PrintWriter(err), args);
        if (code != 0) {
            throw new IllegalStateException("bench faults: 'stepwise " + String.join(" ", args) + "' exited " + code + ": "
                    + err.toString().strip());
        }
    }

    private static Path mkdirs(Path p) {
        try {
            return Files.createDirectories(p);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("bench faults: cannot create " + p, e);
        }
    }
}
