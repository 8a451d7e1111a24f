package dev.stepwise.prover.report;

import static dev.stepwise.prover.report.Html.esc;

import dev.stepwise.iteration.HeldOutComparison;
import dev.stepwise.iteration.McNemar;
import dev.stepwise.iteration.Promotion;
import dev.stepwise.iteration.PromotionDecision;
import dev.stepwise.iteration.RoundFigures;
import dev.stepwise.iteration.RoundRecord;
import dev.stepwise.iteration.RoundReport;
import dev.stepwise.iteration.StageRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * A self-contained HTML page of the expert-iteration rounds: statements solved per round (new in
 * the round, and solved in the pool so far), both models' held-out pass rates at evaluate with the
 * promotion decision, a table of the rounds and each round's stages with their times.
 */
public final class RoundsReport {
    public static final String FILE = "rounds.html";

    private RoundsReport() {
    }

    /**
     * Writes {@value #FILE} into {@code dir} and returns its path.
     *
     * @param simulated numbers of the rounds that searched against the simulator, labelled as such
     * @param roundsDir where the rounds' files were read from, named on the page
     */
    public static Path write(List<RoundFigures> rounds, Set<Integer> simulated, Path roundsDir, Path dir) {
        Path file = dir.resolve(FILE);
        try {
            Files.createDirectories(dir);
            Files.writeString(file, page(rounds, simulated, roundsDir), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the rounds report to " + file, e);
        }
        return file;
    }

    static String page(List<RoundFigures> rounds, Set<Integer> simulated, Path roundsDir) {
        Objects.requireNonNull(roundsDir, "roundsDir");
        StringBuilder b = HtmlPage.shell("Stepwise expert-iteration rounds");
        b.append("<h1>Expert-iteration rounds</h1>");
        if (!simulated.isEmpty()) {
            b.append("<p class=\"sim\">SIMULATED round(s) ").append(String.join(", ", simulated.stream().sorted().map(String::valueOf)
                    .toList())).append(": searched with the simulated REPL and model server; their numbers measure the system, "
                    + "not a prover.</p>");
        }
        b.append("<table class=\"kv\">");
        HtmlPage.kv(b, "rounds", rounds.size() + " (" + rounds.stream().filter(f -> f.round().decision() != null
                && f.round().decision().promotion() == Promotion.PROMOTED).count() + " promoted their candidate)");
        HtmlPage.kv(b, "pool", String.join(", ", rounds.stream().map(f -> f.round().pool()).distinct().toList()));
        rounds.stream().filter(f -> f.solvedAfter().isPresent()).reduce((a, c) -> c).ifPresent(last -> HtmlPage.kv(b,
                "solved in the pool", String.format(Locale.ROOT, "%d of %d searchable statements (after round %d)",
                        last.solvedAfter().orElseThrow(), last.selection().searchable(), last.round().number())));
        if (!rounds.isEmpty()) {
            HtmlPage.kv(b, "model in service", inService(rounds.getLast().round()));
        }
        HtmlPage.kv(b, "round files", roundsDir.toString());
        b.append("</table>");
        b.append("<div class=\"charts\">").append(solvedChart(rounds)).append(passRateChart(rounds)).append("</div>");
        roundsTable(b, rounds, simulated);
        for (RoundFigures f : rounds) {
            stages(b, f.round());
        }
        return HtmlPage.close(b);
    }

    /** The candidate of the round if it promoted it, else the model the round started with. */
    private static String inService(RoundRecord r) {
        return r.decision() != null && r.decision().promotion() == Promotion.PROMOTED ? r.candidateModel() : r.currentModel();
    }

    private static List<String> slots(List<RoundFigures> rounds) {
        return rounds.stream().map(f -> "round " + f.round().number()).toList();
    }

    private static String solvedChart(List<RoundFigures> rounds) {
        List<SvgChart.Value> fresh = new ArrayList<>();
        List<SvgChart.Value> total = new ArrayList<>();
        int searchable = 0;
        for (int i = 0; i < rounds.size(); i++) {
            RoundFigures f = rounds.get(i);
            if (f.search() != null) {
                fresh.add(new SvgChart.Value(i, f.search().proved(), Integer.toString(f.search().proved())));
            }
            if (f.solvedAfter().isPresent()) {
                int after = f.solvedAfter().orElseThrow();
                searchable = Math.max(searchable, f.selection().searchable());
                total.add(new SvgChart.Value(i, after, after + " of " + f.selection().searchable()));
            }
        }
        return SvgChart.perSlot("Statements solved per round", slots(rounds),
                List.of(new SvgChart.Series("newly solved in the round", "new", 0, fresh)),
                List.of(new SvgChart.Series("solved in the pool so far", "cumulative", 1, total)), List.of(), "statements solved",
                SvgChart.Scale.COUNT, searchable);
    }

    private static String passRateChart(List<RoundFigures> rounds) {
        List<SvgChart.Value> current = new ArrayList<>();
        List<SvgChart.Value> candidate = new ArrayList<>();
        List<String> marks = new ArrayList<>();
        for (int i = 0; i < rounds.size(); i++) {
            RoundFigures f = rounds.get(i);
            RoundFigures.Evaluation e = f.evaluation();
            if (e != null) {
                current.add(new SvgChart.Value(i, 100 * e.currentPassRate(), e.currentSolved() + "/" + e.total()));
                candidate.add(new SvgChart.Value(i, 100 * e.candidatePassRate(), e.candidateSolved() + "/" + e.total()));
            }
            marks.add(f.round().decision() == null ? "" : decisionWord(f.round().decision().promotion()));
        }
        return SvgChart.perSlot("Held-out pass rate at evaluate (%)", slots(rounds),
                List.of(new SvgChart.Series("model in service", "current", 0, current),
                        new SvgChart.Series("candidate", "candidate", 1, candidate)), List.of(), marks, "held-out solved (%)",
                SvgChart.Scale.PERCENT, 100);
    }

    private static String decisionWord(Promotion p) {
        return switch (p) {
            case PROMOTED -> "promoted";
            case KEPT_CURRENT -> "kept";
        };
    }

    private static void roundsTable(StringBuilder b, List<RoundFigures> rounds, Set<Integer> simulated) {
        b.append("<h2>Rounds</h2><table class=\"rounds\" id=\"rounds\"><thead><tr><th>round</th><th>status</th><th>stage</th>"
                + "<th>model at start</th><th>candidate</th><th class=\"num\">newly solved</th><th class=\"num\">solved in pool</th>"
                + "<th class=\"num\">harvested</th><th class=\"num\">kept</th><th class=\"num\">dropped</th>"
                + "<th class=\"num\">exported (train/valid)</th><th class=\"num\">current pass</th>"
                + "<th class=\"num\">candidate pass</th><th>decision</th><th class=\"num\">time</th></tr></thead><tbody>");
        for (RoundFigures f : rounds) {
            RoundRecord r = f.round();
            String decision = r.decision() == null ? "" : decisionWord(r.decision().promotion());
            b.append("<tr class=\"round ").append(decision).append("\" id=\"round-").append(r.number()).append("\"><td><a href=\"#stages-")
                    .append(r.number()).append("\">").append(r.number()).append("</a></td>");
            cell(b, lower(r.status()) + (simulated.contains(r.number()) ? " (simulated)" : ""));
            cell(b, r.stage().code());
            cell(b, r.currentModel());
            cell(b, r.candidateModel() == null ? "-" : r.candidateModel());
            num(b, f.search() == null ? "-" : Integer.toString(f.search().proved()));
            num(b, f.solvedAfter().isPresent() ? f.solvedAfter().orElseThrow() + " / " + f.selection().searchable() : "-");
            num(b, f.examples() == null ? "-" : Integer.toString(f.examples().harvested()));
            num(b, f.examples() == null ? "-" : Integer.toString(f.examples().kept()));
            num(b, f.examples() == null ? "-" : Integer.toString(f.examples().dropped()));
            num(b, f.exported() == null ? "-" : f.exported().train() + " / " + f.exported().valid());
            num(b, f.evaluation() == null ? "-" : rate(f.evaluation().currentSolved(), f.evaluation().total()));
            num(b, f.evaluation() == null ? "-" : rate(f.evaluation().candidateSolved(), f.evaluation().total()));
            if (r.decision() == null) {
                b.append("<td class=\"decision\">-</td>");
            } else {
                b.append("<td class=\"decision\" title=\"").append(esc(r.decision().reason())).append("\">").append(decision)
                        .append(esc(evidenceBrief(r.decision()))).append("</td>");
            }
            num(b, f.duration().map(RoundReport::duration).orElse("-"));
            b.append("</tr>");
        }
        b.append("</tbody></table>");
    }

    private static void stages(StringBuilder b, RoundRecord r) {
        b.append("<h2 id=\"stages-").append(r.number()).append("\">Round ").append(r.number()).append("</h2>");
        b.append("<p>").append(esc(lower(r.status()))).append(" in stage ").append(esc(r.stage().code())).append("; pool ")
                .append(esc(r.pool())).append("; started ").append(esc(r.startedAt().toString()));
        if (r.endedAt() != null) {
            b.append(", ended ").append(esc(r.endedAt().toString()));
        }
        b.append("</p>");
        if (r.decision() != null) {
            b.append("<p class=\"decision\">").append(esc(r.decision().reason())).append("</p>");
            evidence(b, r.decision());
        }
        if (r.error() != null) {
            b.append("<pre class=\"error\">").append(esc(r.error())).append("</pre>");
        }
        b.append("<table class=\"stages\"><thead><tr><th>stage</th><th>status</th><th class=\"num\">time</th><th>summary</th></tr>"
                + "</thead><tbody>");
        for (StageRecord s : r.stages()) {
            b.append("<tr>");
            cell(b, s.stage().code());
            cell(b, lower(s.status()));
            num(b, s.duration().map(RoundReport::duration).orElse("running"));
            cell(b, s.summary() == null ? "" : s.summary());
            b.append("</tr>");
        }
        b.append("</tbody></table>");
    }

    /** Why, and the discordant pairs with their p-value, after the decision's word; empty for decisions recorded without them. */
    private static String evidenceBrief(PromotionDecision d) {
        PromotionDecision.Evidence e = d.evidence();
        return e == null ? "" : String.format(Locale.ROOT, " (%s; b=%d, c=%d, p=%s)", e.basis().label(), e.comparison().candidateOnly(),
                e.comparison().currentOnly(), McNemar.format(e.pValue()));
    }

    /** The figures the decision rests on, as a table: both models on the same held-out statements, and the test. */
    private static void evidence(StringBuilder b, PromotionDecision d) {
        PromotionDecision.Evidence e = d.evidence();
        if (e == null) {
            return;
        }
        HeldOutComparison c = e.comparison();
        b.append("<table class=\"evidence\"><thead><tr><th class=\"num\">held out</th><th class=\"num\">current solved</th>"
                + "<th class=\"num\">candidate solved</th><th class=\"num\">candidate alone (b)</th><th class=\"num\">current alone (c)"
                + "</th><th class=\"num\">exact McNemar p</th><th class=\"num\">confidence</th><th class=\"num\">minimum held out</th>"
                + "<th>basis</th></tr></thead><tbody><tr>");
        num(b, Integer.toString(c.heldOut()));
        num(b, Integer.toString(c.currentSolved()));
        num(b, Integer.toString(c.candidateSolved()));
        num(b, Integer.toString(c.candidateOnly()));
        num(b, Integer.toString(c.currentOnly()));
        num(b, McNemar.format(e.pValue()));
        num(b, String.format(Locale.ROOT, "%.2f", e.confidence()));
        num(b, Integer.toString(e.minHeldOut()));
        cell(b, e.basis().label());
        b.append("</tr></tbody></table>");
    }

    private static String rate(int solved, int total) {
        return String.format(Locale.ROOT, "%d/%d (%.1f%%)", solved, total, 100.0 * solved / total);
    }

    private static void cell(StringBuilder b, String text) {
        b.append("<td>").append(esc(text)).append("</td>");
    }

    private static void num(StringBuilder b, String text) {
        b.append("<td class=\"num\">").append(esc(text)).append("</td>");
    }

    private static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }
}
