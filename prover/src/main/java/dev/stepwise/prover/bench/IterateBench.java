package dev.stepwise.prover.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stepwise.iteration.Promotion;
import dev.stepwise.iteration.RoundFigures;
import dev.stepwise.iteration.RoundRecord;
import dev.stepwise.iteration.RoundReport;
import dev.stepwise.prover.iterate.IterationLauncher;
import dev.stepwise.prover.rounds.StoreRoundStore;
import dev.stepwise.prover.store.Store;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Expert iteration that learns, in simulation: rounds of {@code stepwise iterate --simulate} on
 * miniF2F statements with the simulated trainer, against the same rounds with a trainer that
 * learns nothing ({@code --effect none}). Figures: the round after which the total proved stops
 * growing (a plateau: a round adds fewer than 1% of the searchable statements), the total proved
 * with training over the total without, and the promotions (at least one). SIMULATED throughout:
 * it measures the loop and the model of learning of docs/world-format.md, not a real model.
 */
public final class IterateBench implements Benchmark {
    /** A round that adds fewer than this share of the searchable statements is on the plateau. */
    static final double PLATEAU = 0.01;

    private final InProcessCli cli;
    private final Path dataset;
    private final int problems;
    private final int rounds;
    private final String budget;
    private final long seed;
    private final double heldOut;

    /**
     * @param dataset the miniF2F-test JSONL file, whose first {@code problems} lines are the pool
     * @param heldOut the share of the pool held out for the promotion decision ({@code iterate.eval-fraction})
     */
    public IterateBench(InProcessCli cli, Path dataset, int problems, int rounds, String budget, long seed, double heldOut) {
        this.cli = cli;
        this.dataset = dataset;
        this.problems = problems;
        this.rounds = rounds;
        this.budget = budget;
        this.seed = seed;
        this.heldOut = heldOut;
    }

    @Override
    public String name() {
        return "iterate";
    }

    /** The totals proved after each round, and how many rounds promoted their candidate. */
    record Curve(List<Integer> totals, int searchable, int promotions) {
        /** The first round after which no round adds {@link #PLATEAU} of the searchable statements; the last when none. */
        int plateauRound() {
            double step = Math.max(1, PLATEAU * searchable);
            for (int r = 1; r < totals.size(); r++) {
                if (totals.get(r) - totals.get(r - 1) < step) {
                    return r;
                }
            }
            return totals.size();
        }

        int total() {
            return totals.isEmpty() ? 0 : totals.getLast();
        }
    }

    @Override
    public List<BenchFigure> run(PrintWriter out) {
        try (BenchScratch scratch = BenchScratch.create(name())) {
            return run(out, scratch.path());
        }
    }

    private List<BenchFigure> run(PrintWriter out, Path dir) {
        Path pool = dir.resolve("pool.jsonl");
        Path world = dir.resolve("world.json");
        try {
            List<String> lines = Files.readAllLines(dataset, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).limit(problems).toList();
            Files.write(pool, lines, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("bench iterate: cannot read " + dataset, e);
        }
        // No timeouts or crashes: a round's failures would then be Lean's faults, and this measures learning.
        cli(dir, "sim", "generate", "--from", pool.toString(), "--out", world.toString(), "--seed", String.valueOf(seed),
                "--timeout-rate", "0", "--crash-rate", "0");
        long t0 = System.nanoTime();
        Curve trained = rounds(dir.resolve("trained"), pool, world, List.of());
        Curve untrained = rounds(dir.resolve("untrained"), pool, world, List.of("--effect", "none"));
        Duration wall = Duration.ofNanos(System.nanoTime() - t0);
        out.printf(Locale.ROOT, "SIMULATED expert iteration: %d rounds on the first %d miniF2F-test statements (%d searchable,"
                + " %.0f%% held out), budget %s, world seed %d%n", rounds, problems, trained.searchable(), 100 * heldOut, budget, seed);
        out.printf(Locale.ROOT, "  %-7s %-28s %-28s%n", "round", "proved in total (trained)", "proved in total (no training)");
        for (int r = 0; r < rounds; r++) {
            out.printf(Locale.ROOT, "  %-7d %-28s %-28s%n", r + 1, at(trained, r), at(untrained, r));
        }
        out.printf(Locale.ROOT, "  plateau after round         %d trained, %d without training%n", trained.plateauRound(),
                untrained.plateauRound());
        out.printf(Locale.ROOT, "  promotions                  %d of %d rounds (without training: %d)%n", trained.promotions(), rounds,
                untrained.promotions());
        out.printf(Locale.ROOT, "  wall time                   %.1f s for both runs%n", wall.toNanos() / 1e9);
        double ratio = untrained.total() == 0 ? Double.NaN : (double) trained.total() / untrained.total();
        return List.of(new BenchFigure("iterate", "rounds_to_plateau", trained.plateauRound(), BenchFigure.Target.atMost(rounds)),
                new BenchFigure("iterate", "total_proved", trained.total(), BenchFigure.Target.atLeast(1)),
                new BenchFigure("iterate", "total_proved_over_untrained", ratio, BenchFigure.Target.atLeast(1.0)),
                new BenchFigure("iterate", "promotions", trained.promotions(), BenchFigure.Target.atLeast(1)));
    }

    private static String at(Curve c, int r) {
        return r < c.totals().size() ? String.valueOf(c.totals().get(r)) : "-";
    }

    /** Runs the rounds in {@code work} (its own store and rounds), resuming a round once if it stops. */
    private Curve rounds(Path work, Path pool, Path world, List<String> trainerOptions) {
        try {
            Files.createDirectories(work);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> common = List.of("--simulate", world.toString(), "--set", "iterate.search-budget=" + budget, "--set",
                "iterate.eval-fraction=" + heldOut, "--set",
                "iterate.trainer-command=" + IterationLauncher.simulatedTrainerCommand(trainerOptions));
        for (int r = 0; r < rounds; r++) {
            List<String> next = new ArrayList<>(List.of("iterate", "--pool", pool.toString()));
            next.addAll(common);
            if (run(work, next) != 0) {
                List<String> resume = new ArrayList<>(List.of("iterate", "--resume"));
                resume.addAll(common);
                if (run(work, resume) != 0) {
                    throw new IllegalStateException("bench iterate: round " + (r + 1) + " failed twice in " + work);
                }
            }
        }
        try (Store store = Store.open(work.resolve(".stepwise/stepwise.db"), Duration.ofSeconds(30))) {
            RoundReport report = new RoundReport(new StoreRoundStore(store), work.resolve(".stepwise"), new ObjectMapper());
            List<Integer> totals = new ArrayList<>();
            int searchable = 0;
            int promotions = 0;
            for (RoundFigures f : report.figures()) {
                totals.add(f.solvedAfter().orElse(totals.isEmpty() ? 0 : totals.getLast()));
                searchable = f.selection() == null ? searchable : Math.max(searchable, f.selection().searchable());
                RoundRecord round = f.round();
                promotions += round.decision() != null && round.decision().promotion() == Promotion.PROMOTED ? 1 : 0;
            }
            return new Curve(List.copyOf(totals), searchable, promotions);
        }
    }

    private int run(Path work, List<String> args) {
        StringWriter sink = new StringWriter();
        return cli.run(work, new PrintWriter(sink), new PrintWriter(sink), args.toArray(String[]::new));
    }

    private void cli(Path dir, String... args) {
        StringWriter err = new StringWriter();
        int code = cli.run(dir, new PrintWriter(new StringWriter()), new PrintWriter(err), args);
        if (code != 0) {
            throw new IllegalStateException("bench iterate: 'stepwise " + String.join(" ", args) + "' exited " + code + ": "
                    + err.toString().strip());
        }
    }
}
