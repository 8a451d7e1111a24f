package dev.stepwise.prover.report;

import static dev.stepwise.prover.report.Html.esc;

import dev.stepwise.search.AttemptMode;
import java.util.List;

/** A problem page's table of its attempts: each one's mode, proofs sampled, revisions, requests and outcome. */
final class AttemptsTable {
    private AttemptsTable() {
    }

    static void append(StringBuilder b, List<ReportData.AttemptLine> attempts) {
        if (attempts.isEmpty()) {
            return;
        }
        b.append("<h2>Attempts</h2><table class=\"attempts\"><thead><tr><th class=\"num\">#</th><th>mode</th>"
                + "<th class=\"num\">proofs sampled</th><th class=\"num\">revisions</th><th class=\"num\">expansions / requests</th>"
                + "<th>outcome</th></tr></thead><tbody>");
        for (ReportData.AttemptLine a : attempts) {
            boolean whole = a.mode() == AttemptMode.WHOLE_PROOF;
            b.append("<tr class=\"").append(a.mode().code()).append("\"><td class=\"num\">").append(a.index() + 1)
                    .append("</td><td>").append(a.mode().code()).append("</td><td class=\"num\">")
                    .append(whole ? String.valueOf(a.samples()) : "").append("</td><td class=\"num\">")
                    .append(whole ? String.valueOf(a.revisions()) : "").append("</td><td class=\"num\">").append(a.expansions())
                    .append("</td><td>").append(esc(a.outcome())).append("</td></tr>");
        }
        b.append("</tbody></table>");
    }
}
