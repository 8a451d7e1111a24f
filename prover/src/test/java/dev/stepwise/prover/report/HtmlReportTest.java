package dev.stepwise.prover.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepwise.prover.eval.RunInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlReportTest {

    @TempDir
    Path dir;

    @Test
    void indexShowsTheSummaryPlotsAndEveryProblem() {
        String html = HtmlReport.index(ReportFixtures.run());
        assertTrue(html.contains("SIMULATED run"), "simulated label missing");
        assertTrue(html.contains("<td>1 / 3 (33.3%)</td>"), html);
        assertTrue(html.contains("<td>2×4×50</td>"));
        assertEquals(4, count(html, "<svg class=\"chart\""));
        assertEquals(3, count(html, "<tr class=\"(proved|unproved|failed)\">"));
        assertTrue(html.contains("model server unavailable &lt;retry&gt;"), "verdict not escaped");
        assertFalse(html.contains("http://") || html.contains("https://"), "the report must not load anything from outside");
    }

    @Test
    void problemPageDrawsTheTreeWithTheProofPathErrorsAndMergedNodes() {
        ReportData data = ReportFixtures.run();
        String html = HtmlReport.problemPage(data, data.problems().get(0));
        // The fixture's run is simulated beside a real Lean: the proof was checked, and the heading says the run was simulated.
        assertTrue(html.contains("<h2>Verified proof <span class=\"note\">(simulated run: found by the simulated model, checked by "
                + "Lean v4.24.0)</span></h2>"), html);
        assertTrue(html.contains(":= by\n  rw [sq]\n  positivity</pre>"), html);
        assertTrue(html.contains("data-nodes=\"3\""));
        assertEquals(3, count(html, "<details"));
        assertTrue(html.contains("<li class=\"edge err\"><code>exact foo</code>"), html);
        assertTrue(html.contains("unknown identifier &#39;foo&#39;"));
        assertTrue(html.contains("<li class=\"edge ok proofpath\"><code>rw [sq]</code>"));
        assertTrue(html.contains("<li class=\"edge done proofpath\"><code>positivity</code>"));
        assertTrue(html.contains("→ <a href=\"#n1\">#1</a> (merged)"), "the DAG merge is not shown");
        assertTrue(html.contains("⊢ 0 &lt; x ^ 2"));
    }

    @Test
    void aProofAcceptedByTheSimulatedReplIsHeadedAsSimulatedAndARealOneAsVerified() {
        ReportData data = ReportFixtures.run();
        RunInfo i = data.info();
        RunInfo allSimulated = new RunInfo(i.runId(), i.dataset(), i.budget(), i.alphas(), i.temperature(), i.model(), "simulated",
                "simulated", true);
        String sim = HtmlReport.problemPage(new ReportData(allSimulated, data.problems()), data.problems().get(0));
        assertTrue(sim.contains("<h2>Simulated proof</h2><p class=\"sim\">SIMULATED: accepted by the simulated Lean REPL"), sim);
        assertFalse(sim.contains("Verified proof"), sim);
        RunInfo real = new RunInfo(i.runId(), i.dataset(), i.budget(), i.alphas(), i.temperature(), "deepseek", "v4.24.0", "abc",
                false);
        String verified = HtmlReport.problemPage(new ReportData(real, data.problems()), data.problems().get(0));
        assertTrue(verified.contains("<h2>Verified proof</h2>"), verified);
        assertFalse(verified.contains("SIMULATED"), verified);
    }

    @Test
    void aTimeNeverBreaksBeforeItsUnit() {
        String html = HtmlReport.index(ReportFixtures.run());
        assertTrue(html.contains("<td class=\"num\">1.5&nbsp;s</td>"), html);
        assertFalse(html.matches("(?s).*\\d s<.*"), "a time with a breaking space before its unit");
    }

    @Test
    void writesAnIndexAndOnePagePerProblem() throws IOException {
        HtmlReport.write(ReportFixtures.run(), dir);
        assertTrue(Files.isRegularFile(dir.resolve("index.html")));
        try (var pages = Files.list(dir.resolve("problems"))) {
            assertEquals(3, pages.count());
        }
        String index = Files.readString(dir.resolve("index.html"));
        var m = Pattern.compile("href=\"(problems/[^\"]+)\"").matcher(index);
        int links = 0;
        while (m.find()) {
            assertTrue(Files.isRegularFile(dir.resolve(m.group(1))), m.group(1));
            links++;
        }
        assertEquals(3, links);
    }

    private static int count(String s, String regex) {
        var m = Pattern.compile(regex).matcher(s);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
