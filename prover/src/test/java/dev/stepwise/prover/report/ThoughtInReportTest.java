package dev.stepwise.prover.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepwise.search.EdgeRecord;
import dev.stepwise.search.RecordedTree;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A tactic the model thought about first shows its thought (escaped) before it in the tree; others show none. */
class ThoughtInReportTest {
    @Test
    void theThoughtIsShownBeforeItsTacticAndEscaped() {
        ReportData data = ReportFixtures.run();
        ReportData.ProblemPage page = data.problems().get(0);
        List<EdgeRecord> edges = new java.util.ArrayList<>(page.tree().edges());
        EdgeRecord first = edges.get(0);
        edges.set(0, new EdgeRecord(first.source(), first.target(), first.tactic(), first.logProbSum(), first.tokenCount(),
                first.score(), first.kind(), first.message(), first.environmentMicros(), "x^2 is x*x; then <positivity>."));
        RecordedTree tree = new RecordedTree(page.tree().nodes(), edges);
        ReportData.ProblemPage withThought = new ReportData.ProblemPage(page.header(), page.statement(), page.result(), tree);
        String html = HtmlReport.problemPage(new ReportData(data.info(), List.of(withThought)), withThought);

        assertTrue(html.contains("<li class=\"edge ok proofpath\"><span class=\"thought\">x^2 is x*x; then &lt;positivity&gt;."
                + "</span><code>rw [sq]</code>"), html);
        assertEquals(1, html.split("class=\"thought\"", -1).length - 1, "only the edge with a thought shows one");
        assertTrue(html.contains("<li class=\"edge err\"><code>exact foo</code>"), html);
    }
}
