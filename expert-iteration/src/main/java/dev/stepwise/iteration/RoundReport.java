package dev.stepwise.iteration;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Human-readable views of rounds: the table of {@code stepwise rounds list}, the detail of
 * {@code stepwise rounds show N}, the markdown summary written at the end of each round (with its
 * numbers and a bar chart of statements solved per round), and the figures the HTML rounds report plots.
 */
public final class RoundReport {
    private static final int BAR_WIDTH = 40;

    private final RoundStore store;
    private final Path roundsDir;
    private final ObjectMapper json;

    /** @param dataDir the data directory rounds run in ({@code iterate.data-dir}) */
    public RoundReport(RoundStore store, Path dataDir, ObjectMapper json) {
        this.store = Objects.requireNonNull(store, "store");
        this.roundsDir = RoundServices.roundsDir(dataDir);
        this.json = Objects.requireNonNull(json, "json");
    }

    private RoundFiles files(int number) {
        return new RoundFiles(roundsDir, number, json);
    }

    public String list() {
        List<RoundRecord> rounds = store.list();
        if (rounds.isEmpty()) {
            return "no rounds yet; start one with 'stepwise iterate --pool DATASET --next'\n";
        }
        AlignedTable table = new AlignedTable("round", "status", "stage", ">proved", "model at start", "candidate", "decision");
        for (RoundRecord r : rounds) {
            RoundFigures.Searched search = figures(r).search();
            table.row(r.number(), lower(r.status()), r.stage().code(), search == null ? "-" : Integer.toString(search.proved()),
                    r.currentModel(), r.candidateModel() == null ? "-" : r.candidateModel(),
                    r.decision() == null ? "-" : decisionLine(r.decision()));
        }
        return table.render();
    }

    /**
     * The learning curve: one line per round with a bar of the pool's searchable statements solved
     * in total after it ('#' before the round, '+' by it), the new ones and the total.
     */
    public static String curve(List<RoundFigures> rounds) {
        StringBuilder b = new StringBuilder();
        int scale = rounds.stream().filter(x -> x.selection() != null).mapToInt(x -> x.selection().searchable()).max().orElse(0);
        for (RoundFigures x : rounds) {
            if (x.selection() == null || x.search() == null || scale == 0) {
                b.append(String.format(Locale.ROOT, "round %3d | %-" + BAR_WIDTH + "s  - (search not completed)%n", x.round().number(), ""));
                continue;
            }
            int before = (int) Math.round(BAR_WIDTH * (double) x.selection().solvedBefore() / scale);
            int after = (int) Math.round(BAR_WIDTH * (double) x.solvedAfter().orElseThrow() / scale);
            b.append(String.format(Locale.ROOT, "round %3d | %-" + BAR_WIDTH + "s %4d new, %d of %d solved%n", x.round().number(),
                    "#".repeat(before) + "+".repeat(after - before), x.search().proved(), x.solvedAfter().orElseThrow(),
                    x.selection().searchable()));
        }
        return b.toString();
    }

    /** The figures of every round, by number. */
    public List<RoundFigures> figures() {
        return store.list().stream().map(this::figures).toList();
    }

    /**
     * The figures of one round, from the outputs of its completed stages in its directory. A part
     * whose stage has not completed, or whose file is no longer there, is null.
     */
    public RoundFigures figures(RoundRecord r) {
        RoundFiles files = files(r.number());
        StageOutputs.Selection selection = read(r, Stage.SELECT, files, RoundFiles.SELECTION, StageOutputs.Selection.class);
        StageOutputs.SearchOutput search = read(r, Stage.SEARCH, files, RoundFiles.SEARCH, StageOutputs.SearchOutput.class);
        Filtered filtered = read(r, Stage.FILTER, files, RoundFiles.FILTER, Filtered.class);
        ExportManifest manifest = read(r, Stage.EXPORT, files, RoundFiles.EXPORT_DIR + "/" + Exporter.MANIFEST, ExportManifest.class);
        StageOutputs.Evaluation evaluation = read(r, Stage.EVALUATE, files, RoundFiles.EVALUATION, StageOutputs.Evaluation.class);
        return new RoundFigures(r,
                selection == null ? null : new RoundFigures.Selection(selection.poolSize(), selection.heldOut().size(),
                        selection.solvedBefore(), selection.train().size()),
                // The pool's statements: conjectures the search proved (the conjecture stage's) are counted in its own section.
                search == null ? null : new RoundFigures.Searched(search.searched(), (int) search.proved().stream()
                        .filter(p -> !ConjectureStage.isConjecture(p.theorem().name())).count(),
                        (int) search.easy().stream().filter(n -> !ConjectureStage.isConjecture(n)).count()),
                filtered == null ? null : new RoundFigures.Examples(filtered.kept().size(), filtered.dropped().size()),
                manifest == null ? null : new RoundFigures.Exported(manifest.examples(Split.TRAIN), manifest.examples(Split.VALID)),
                evaluation == null ? null : new RoundFigures.Evaluation(evaluation.total(), evaluation.currentModel(),
                        evaluation.currentSolved(), evaluation.candidateModel(), evaluation.candidateSolved()));
    }

    private static <T> T read(RoundRecord r, Stage stage, RoundFiles files, String name, Class<T> type) {
        if (!r.completed(stage) || !Files.exists(files.path(name))) {
            return null;
        }
        return files.read(name, type);
    }

    /** The markdown summary of a round, also written to its directory at the end of the round. */
    public String show(RoundRecord r) {
        RoundFigures f = figures(r);
        StringBuilder b = new StringBuilder();
        b.append("# Round ").append(r.number()).append("\n\n");
        b.append("- status: ").append(lower(r.status())).append(" (stage ").append(r.stage().code()).append(")\n");
        b.append("- pool: ").append(r.pool()).append('\n');
        b.append("- model in service at the start: ").append(r.currentModel()).append('\n');
        b.append("- candidate: ").append(r.candidateModel() == null ? "none yet" : r.candidateModel()).append('\n');
        if (r.decision() != null) {
            b.append("- decision: ").append(r.decision().reason()).append('\n');
        }
        if (r.error() != null) {
            b.append("- error: ").append(r.error()).append('\n');
        }
        f.duration().ifPresent(d -> b.append("- time: ").append(duration(d)).append('\n'));
        b.append('\n');
        numbers(b, f);
        b.append("## Stages\n\n| stage | status | summary | time |\n|---|---|---|---|\n");
        for (StageRecord s : r.stages()) {
            b.append("| ").append(s.stage().code()).append(" | ").append(lower(s.status())).append(" | ")
                    .append(s.summary() == null ? "" : s.summary().replace("|", "\\|")).append(" | ")
                    .append(s.duration().map(RoundReport::duration).orElse("running")).append(" |\n");
        }
        thoughts(b, read(r, Stage.THOUGHTS, files(r.number()), RoundFiles.THOUGHTS, ThoughtsOutput.class));
        conjectures(b, read(r, Stage.CONJECTURE, files(r.number()), RoundFiles.CONJECTURE, ConjectureOutput.class));
        b.append("\n## Statements solved per round\n\n");
        b.append("Each bar is the pool's searchable statements solved after the round: '#' before it, '+' by it.\n\n```\n");
        b.append(curve(store.list().stream().filter(x -> x.number() <= r.number()).map(this::figures).toList()));
        b.append("```\n");
        return b.toString();
    }

    /** The most kept conjectures a summary shows; all are in conjecture.json and the store. */
    private static final int CONJECTURES_SHOWN = 5;

    /** The conjecture stage's counts (proposed, elaborated, new, proved, kept) and a few kept ones with their seeds. */
    private static void conjectures(StringBuilder b, ConjectureOutput out) {
        if (out == null) {
            return;
        }
        ConjectureOutput.Funnel f = out.funnel();
        b.append("\n## Conjectures\n\n| proposed | elaborated | new | proved | kept |\n|---|---|---|---|---|\n")
                .append(String.format(Locale.ROOT, "| %d | %d | %d | %d | %d |%n", f.proposed(), f.elaborated(), f.fresh(),
                        f.proved(), f.kept()));
        List<Conjecture> kept = out.conjectures().stream().filter(c -> c.verdict() == ConjectureVerdict.KEPT).toList();
        if (!kept.isEmpty()) {
            b.append("\nKept (barely provable; the first ").append(Math.min(CONJECTURES_SHOWN, kept.size())).append("):\n\n");
            for (Conjecture c : kept.subList(0, Math.min(CONJECTURES_SHOWN, kept.size()))) {
                b.append(String.format(Locale.ROOT, "- %s (proved %d of %d, from %s): `%s`%n", c.theorem().name(), c.proved(),
                        c.attempts(), c.seedProblem(), c.theorem().statement().replace('\n', ' ').replace("`", "'")));
            }
        }
    }

    /** The most thoughts a summary shows; the rest are in thoughts.json and the thought-augmented files. */
    private static final int THOUGHTS_SHOWN = 5;

    /** A few of the thoughts the thoughts stage wrote, each with its tactic and statement. */
    private static void thoughts(StringBuilder b, ThoughtsOutput out) {
        if (out == null || out.entries().isEmpty()) {
            return;
        }
        b.append("\n## Thoughts\n\n").append(out.entries().size()).append(" retrospective thoughts from ").append(out.model())
                .append(" (the first ").append(Math.min(THOUGHTS_SHOWN, out.entries().size())).append("; all in ")
                .append(RoundFiles.THOUGHTS).append("):\n\n");
        for (ThoughtsOutput.Entry e : out.entries().subList(0, Math.min(THOUGHTS_SHOWN, out.entries().size()))) {
            b.append("- ").append(e.problem()).append(": ").append(e.thought().replace('\n', ' ')).append(" → `")
                    .append(e.tactic().replace('\n', ' ').replace("`", "'")).append("`\n");
        }
    }

    /** The round's numbers as a list; a part whose stage has not completed is left out. */
    private static void numbers(StringBuilder b, RoundFigures f) {
        StringBuilder n = new StringBuilder();
        if (f.selection() != null) {
            RoundFigures.Selection s = f.selection();
            n.append(String.format(Locale.ROOT, "- statements: pool %d, %d held out, %d solved before, %d selected%n", s.poolSize(),
                    s.heldOut(), s.solvedBefore(), s.selected()));
        }
        if (f.search() != null) {
            n.append(String.format(Locale.ROOT, "- search: %d searched, %d proved (%d easy by the pre-pass)", f.search().searched(),
                    f.search().proved(), f.search().easy()));
            f.solvedAfter().ifPresent(after -> n.append(String.format(Locale.ROOT, "; %d of %d searchable statements solved now",
                    after, f.selection().searchable())));
            n.append('\n');
        }
        if (f.examples() != null) {
            n.append(String.format(Locale.ROOT, "- examples: %d harvested, %d kept, %d dropped by the filters", f.examples().harvested(),
                    f.examples().kept(), f.examples().dropped()));
            if (f.exported() != null) {
                n.append(String.format(Locale.ROOT, "; %d exported for training, %d for validation", f.exported().train(),
                        f.exported().valid()));
            }
            n.append('\n');
        }
        if (f.evaluation() != null) {
            RoundFigures.Evaluation e = f.evaluation();
            n.append(String.format(Locale.ROOT, "- held-out pass rate: current %s %d/%d (%.4f), candidate %s %d/%d (%.4f)%n",
                    e.currentModel(), e.currentSolved(), e.total(), e.currentPassRate(), e.candidateModel(), e.candidateSolved(),
                    e.total(), e.candidatePassRate()));
        }
        PromotionDecision d = f.round().decision();
        if (d != null && d.evidence() != null) {
            PromotionDecision.Evidence e = d.evidence();
            n.append(String.format(Locale.ROOT, "- promotion evidence: candidate alone %d (b), current alone %d (c), exact McNemar"
                    + " p=%s, confidence %s, held-out %d (minimum %d), margin %.4f: %s%n", e.comparison().candidateOnly(),
                    e.comparison().currentOnly(), McNemar.format(e.pValue()), McNemar.format(e.confidence()),
                    e.comparison().heldOut(), e.minHeldOut(), d.margin(), e.basis().label()));
        }
        if (!n.isEmpty()) {
            b.append("## Numbers\n\n").append(n).append('\n');
        }
    }

    /** A duration as people read it: 42 s, 3 min 05 s, 2 h 07 min. */
    public static String duration(Duration d) {
        long s = d.toSeconds();
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%d h %02d min", s / 3600, (s % 3600) / 60);
    }

    /** Where the rounds' directories are. */
    public Path roundsDir() {
        return roundsDir;
    }

    /** The round's directory, where its files and summary are. */
    public Path directory(int number) {
        return files(number).dir();
    }

    /** Writes the summary of a round whose every stage is complete, as it stands once completed. */
    void writeSummary(RoundRecord r) {
        RoundRecord done = new RoundRecord(r.number(), r.pool(), r.configJson(), r.stage(), RoundStatus.COMPLETED, r.currentModel(),
                r.candidateModel(), r.decision(), null, r.startedAt(), r.endedAt(), r.stages());
        RoundFiles files = files(r.number());
        try {
            Files.createDirectories(files.dir());
            Exporter.writeAtomically(files.path(RoundFiles.SUMMARY), out -> out.write(show(done)));
        } catch (IOException e) {
            throw new IterationException(IterationException.Kind.ENVIRONMENT, "cannot write " + files.path(RoundFiles.SUMMARY) + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * The decision column of {@code rounds list}: the decision, why, and the paired figures
     * (solved by current -> candidate of the held-out statements, the discordant pairs b and c, the
     * exact McNemar p-value). A decision recorded before the figures were kept shows its pass rates.
     */
    static String decisionLine(PromotionDecision d) {
        String decision = lower(d.promotion()).replace('_', '-');
        if (d.evidence() == null) {
            return String.format(Locale.ROOT, "%s (%.3f -> %.3f)", decision, d.currentPassRate(), d.candidatePassRate());
        }
        PromotionDecision.Evidence e = d.evidence();
        HeldOutComparison c = e.comparison();
        return String.format(Locale.ROOT, "%s (%s: %d -> %d of %d, b=%d c=%d, p=%s)", decision, e.basis().label(), c.currentSolved(),
                c.candidateSolved(), c.heldOut(), c.candidateOnly(), c.currentOnly(), McNemar.format(e.pValue()));
    }

    private static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }
}
