package dev.stepwise.prover.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepwise.iteration.HeldOutComparison;
import dev.stepwise.iteration.Promotion;
import dev.stepwise.iteration.PromotionDecision;
import dev.stepwise.iteration.PromotionRule;
import dev.stepwise.iteration.RoundFigures;
import dev.stepwise.iteration.RoundRecord;
import dev.stepwise.iteration.RoundStatus;
import dev.stepwise.iteration.Stage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RoundsReportTest {

    @TempDir
    Path dir;

    /** The data-value of every element of class {@code cls} (a chart's bars or points), in order. */
    private static List<String> values(String html, String element, String cls) {
        Matcher m = Pattern.compile("<" + element + " class=\"" + cls + "\"[^>]*data-x=\"([^\"]+)\" data-value=\"([^\"]+)\"")
                .matcher(html);
        List<String> out = new ArrayList<>();
        while (m.find()) {
            out.add(m.group(1) + "=" + m.group(2));
        }
        return out;
    }

    @Test
    void aDecisionOnEvidenceShowsItsFiguresInTheTableAndUnderItsRound() {
        PromotionDecision d = new PromotionRule(0.0, 20, 0.95).decide(new HeldOutComparison(24, 9, 16, 7, 0));
        java.time.Instant t0 = java.time.Instant.parse("2026-11-22T03:00:00Z");
        RoundRecord r = new RoundRecord(1, "pool", "{}", Stage.PROMOTE, RoundStatus.COMPLETED, "base", "stepwise-round-1", d, null,
                t0, t0.plusSeconds(60), List.of());
        String html = RoundsReport.page(List.of(new RoundFigures(r, null, null, null, null, null)), Set.of(), Path.of("/data/rounds"));
        assertTrue(html.contains("\">promoted (sufficient gain; b=7, c=0, p=0.0156)</td>"), html);
        assertTrue(html.contains("<tbody><tr><td class=\"num\">24</td><td class=\"num\">9</td><td class=\"num\">16</td>"
                + "<td class=\"num\">7</td><td class=\"num\">0</td><td class=\"num\">0.0156</td><td class=\"num\">0.95</td>"
                + "<td class=\"num\">20</td><td>sufficient gain</td></tr></tbody></table>"), html);
    }

    @Test
    void onePointPerRoundWithItsSolvedCountsPassRatesAndDecision() {
        List<RoundFigures> rounds = RoundsFixtures.threeRounds(dir.resolve("s.db"));
        String html = RoundsReport.page(rounds, Set.of(), Path.of("/data/rounds"));

        assertEquals(List.of("round 1=12", "round 2=7", "round 3=4"), values(html, "rect", "bar new s0"));
        assertEquals(List.of("round 1=12", "round 2=19", "round 3=23"), values(html, "circle", "pt cumulative s1"));
        // Round 3 stopped before evaluate: no pass rates for it.
        assertEquals(List.of("round 1=30", "round 2=50"), values(html, "rect", "bar current s0"));
        assertEquals(List.of("round 1=50", "round 2=50"), values(html, "rect", "bar candidate s1"));
        assertTrue(html.contains("<title>solved in the pool so far, round 3: 23 of 40</title>"), html);
        Matcher marks = Pattern.compile("<text class=\"mark\"[^>]*>([a-z]+)</text>").matcher(html);
        List<String> decisions = new ArrayList<>();
        while (marks.find()) {
            decisions.add(marks.group(1));
        }
        assertEquals(List.of("promoted", "kept"), decisions);

        assertTrue(html.contains("<td>23 of 40 searchable statements (after round 3)</td>"), html);
        assertTrue(html.contains("<th>model in service</th><td>stepwise-round-1</td>"), html);
        assertEquals(3, html.split("<tr class=\"round ", -1).length - 1);
        assertTrue(html.contains("<tr class=\"round promoted\" id=\"round-1\"><td><a href=\"#stages-1\">1</a></td><td>completed</td>"
                + "<td>promote</td><td>base</td><td>stepwise-round-1</td><td class=\"num\">12</td><td class=\"num\">12 / 40</td>"
                + "<td class=\"num\">50</td><td class=\"num\">40</td><td class=\"num\">10</td><td class=\"num\">36 / 4</td>"
                + "<td class=\"num\">3/10 (30.0%)</td><td class=\"num\">5/10 (50.0%)</td>"
                + "<td class=\"decision\" title=\"promoted: candidate 0.5000 vs current 0.3000 (gain +0.2000, margin 0.0500)\">promoted</td>"
                + "<td class=\"num\">1 h 00 min</td></tr>"), html);
        assertTrue(html.contains("<tr class=\"round kept\" id=\"round-2\">"), html);
        assertTrue(html.contains("<td class=\"decision\" title=\"kept the current model: candidate 0.5000 vs current 0.5000 (gain +0.0000,"
                + " margin 0.0500)\">kept</td>"), html);
        assertTrue(html.contains("<p class=\"decision\">kept the current model: candidate 0.5000 vs current 0.5000"), html);
        assertTrue(html.contains("<tr class=\"round \" id=\"round-3\"><td><a href=\"#stages-3\">3</a></td><td>failed</td>"
                + "<td>train</td>"), html);
        // Every stage of every round, with its time and summary; the failed one with the trainer's error.
        assertEquals(8 + 8 + 6, html.split("<tr><td>(select|search|harvest|filter|export|train|evaluate|promote)</td>", -1).length - 1);
        assertTrue(html.contains("<tr><td>search</td><td>completed</td><td class=\"num\">9 min 00 s</td>"
                + "<td>searched 30 with base: proved 12 (3 easy by the pre-pass)</td></tr>"), html);
        assertTrue(html.contains("<tr><td>train</td><td>failed</td><td class=\"num\">2 min 00 s</td>"
                + "<td>the trainer exited with status 3: CUDA out of memory &lt;oom&gt;</td></tr>"), html);
        assertTrue(html.contains("<td>/data/rounds</td>"), html);
        assertFalse(html.contains("http://") || html.contains("https://"), "the page must not load anything from outside");
        assertFalse(html.contains("SIMULATED") || html.contains("(simulated)"), "no round here was simulated");
    }

    @Test
    void simulatedRoundsAreLabelled() {
        String html = RoundsReport.page(RoundsFixtures.threeRounds(dir.resolve("s.db")), Set.of(3, 2), Path.of("/data/rounds"));
        assertTrue(html.contains("<p class=\"sim\">SIMULATED round(s) 2, 3: searched with the simulated REPL and model server;"),
                html);
        assertTrue(html.contains("<tr class=\"round promoted\" id=\"round-1\"><td><a href=\"#stages-1\">1</a></td><td>completed</td>"));
        assertTrue(html.contains("id=\"round-2\"><td><a href=\"#stages-2\">2</a></td><td>completed (simulated)</td>"), html);
        assertTrue(html.contains("id=\"round-3\"><td><a href=\"#stages-3\">3</a></td><td>failed (simulated)</td>"), html);
    }

    @Test
    void writesOnePageIntoTheDirectory() throws Exception {
        Path file = RoundsReport.write(RoundsFixtures.threeRounds(dir.resolve("s.db")), Set.of(), Path.of("/data/rounds"),
                dir.resolve("out"));
        assertEquals(dir.resolve("out").resolve("rounds.html"), file);
        assertTrue(Files.readString(file).startsWith("<!DOCTYPE html>"));
    }

    @Test
    void fixtureDecisionsAreTheStoredOnes() {
        List<RoundFigures> rounds = RoundsFixtures.threeRounds(dir.resolve("s.db"));
        assertEquals(new PromotionDecision(0.3, 0.5, 0.05, Promotion.PROMOTED,
                "promoted: candidate 0.5000 vs current 0.3000 (gain +0.2000, margin 0.0500)"), rounds.get(0).round().decision());
        assertTrue(rounds.get(2).round().completed(Stage.EXPORT));
        assertFalse(rounds.get(2).round().completed(Stage.TRAIN));
    }
}
