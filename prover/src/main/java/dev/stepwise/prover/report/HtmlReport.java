package dev.stepwise.prover.report;

import static dev.stepwise.prover.report.Html.esc;

import dev.stepwise.prover.eval.ProblemResult;
import dev.stepwise.prover.eval.RunInfo;
import dev.stepwise.prover.eval.RunSummary;
import dev.stepwise.search.AttemptMode;
import dev.stepwise.search.EdgeKind;
import dev.stepwise.search.EdgeRecord;
import dev.stepwise.search.NodeRecord;
import dev.stepwise.search.RecordedTree;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A self-contained static HTML report of a run: {@code index.html} with the overview and plots,
 * and one page per problem with its statement, proof, gate verdict and search tree. Everything is
 * inline (styles, SVG, a few lines of script): the directory can be copied or mailed as it is.
 */
public final class HtmlReport {

    /** Trees are drawn up to this many nodes; the rest is counted, so a huge tree stays usable. */
    static final int MAX_DRAWN_NODES = 2000;

    private static final String SIMULATED_LEAN = "simulated";

    private HtmlReport() {
    }

    public static void write(ReportData data, Path dir) {
        try {
            Files.createDirectories(dir.resolve("problems"));
            Files.writeString(dir.resolve("index.html"), index(data), StandardCharsets.UTF_8);
            for (ReportData.ProblemPage page : data.problems()) {
                Files.writeString(dir.resolve("problems").resolve(Html.pageName(page.result().name())),
                        problemPage(data, page), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report to " + dir, e);
        }
    }

    static String index(ReportData data) {
        List<ProblemResult> results = data.problems().stream().map(ReportData.ProblemPage::result).toList();
        RunSummary s = RunSummary.of(results);
        StringBuilder b = HtmlPage.shell("Stepwise run " + data.info().runId());
        b.append("<h1>Run ").append(esc(data.info().runId())).append("</h1>");
        if (data.info().simulated()) {
            b.append("<p class=\"sim\">SIMULATED run: no real Lean and no real model were used; the numbers measure the system, not a prover.</p>");
        }
        if (!data.info().leanMismatch().isEmpty()) {
            b.append("<p class=\"sim\">VERSION MISMATCH: ").append(esc(data.info().leanMismatch()))
                    .append("; statements may not mean what the dataset meant, and the numbers do not compare with runs on its own Lean.</p>");
        }
        b.append("<table class=\"kv\">");
        HtmlPage.kv(b, "dataset", data.info().dataset());
        HtmlPage.kv(b, "solved", String.format(Locale.ROOT, "%d / %d (%.1f%%)", s.solved(), s.total(), 100 * s.passRate()));
        if (s.statementErrors() > 0) {
            HtmlPage.kv(b, "statement errors (Lean did not elaborate them; not unproved)", String.valueOf(s.statementErrors()));
        }
        HtmlPage.kv(b, "budget (A×W×N)", data.info().budget().toString());
        HtmlPage.kv(b, "α", data.info().alphas().toString());
        HtmlPage.kv(b, "temperature", String.format(Locale.ROOT, "%.2f", data.info().temperature()));
        HtmlPage.kv(b, "model", data.info().model());
        HtmlPage.kv(b, "Lean / Mathlib", data.info().leanVersion() + " / " + data.info().mathlibVersion());
        HtmlPage.kv(b, "mean expansions of solved", String.format(Locale.ROOT, "%.1f", s.meanExpansionsSolved()));
        HtmlPage.kv(b, "mean time of solved", String.format(Locale.ROOT, "%.1f\u00a0s", s.meanTimeSolved().toMillis() / 1000.0));
        b.append("</table>");
        b.append("<div class=\"charts\">");
        b.append(passRateCurve(results));
        b.append(timeHistogram(results));
        b.append(proofLengths(results));
        b.append(familyBars(s));
        b.append("</div>");
        b.append("<h2>Problems</h2><table class=\"problems\" id=\"problems\"><thead><tr><th>problem</th><th>family</th>"
                + "<th>outcome</th><th class=\"num\">attempts</th><th class=\"num\">expansions</th><th class=\"num\">tactics</th>"
                + "<th class=\"num\">time</th><th class=\"verdict\">verdict</th></tr></thead><tbody>");
        for (ProblemResult r : results) {
            b.append("<tr class=\"").append(r.outcome().code()).append("\"><td class=\"name\"><a href=\"problems/")
                    .append(Html.pageName(r.name())).append("\">").append(esc(r.name())).append("</a></td><td class=\"family\">")
                    .append(esc(r.family())).append("</td><td>").append(r.outcome().code())
                    .append("</td><td class=\"num\">").append(r.attempts()).append("</td><td class=\"num\">").append(r.expansions())
                    .append("</td><td class=\"num\">").append(r.tacticCalls()).append("</td><td class=\"num\">")
                    .append(seconds(r)).append("</td><td class=\"verdict\">").append(esc(r.verdict())).append("</td></tr>");
        }
        b.append("</tbody></table>");
        return HtmlPage.close(b);
    }

    static String problemPage(ReportData data, ReportData.ProblemPage page) {
        ProblemResult r = page.result();
        StringBuilder b = HtmlPage.shell(r.name() + " — Stepwise run " + data.info().runId());
        b.append("<p><a href=\"../index.html\">← run ").append(esc(data.info().runId())).append("</a></p>");
        b.append("<h1>").append(esc(r.name())).append("</h1>");
        if (data.info().simulated()) {
            b.append("<p class=\"sim\">SIMULATED run.</p>");
        }
        if (!data.info().leanMismatch().isEmpty()) {
            b.append("<p class=\"sim\">VERSION MISMATCH: ").append(esc(data.info().leanMismatch())).append("</p>");
        }
        b.append("<p class=\"outcome ").append(r.outcome().code()).append("\">")
                .append(r.outcome().code()).append(" — ").append(esc(r.verdict())).append("</p>");
        b.append("<h2>Statement</h2><pre class=\"lean\">").append(esc(page.header())).append(esc(page.statement())).append("</pre>");
        if (r.proved()) {
            b.append(proofHeading(data.info())).append("<pre class=\"lean proof\">").append(esc(page.statement()));
            for (String tactic : r.proof()) {
                b.append("\n  ").append(esc(tactic.replace("\n", "\n  ")));
            }
            b.append("</pre>");
        }
        b.append(String.format(Locale.ROOT, "<p>%d attempt(s), %d expansions, %d tactic calls, %d tokens, %s</p>", r.attempts(),
                r.expansions(), r.tacticCalls(), r.tokens(), seconds(r)));
        AttemptsTable.append(b, page.attempts());
        if (page.shownMode() == AttemptMode.WHOLE_PROOF) {
            WholeProofSection.append(b, page.tree());
            return HtmlPage.close(b);
        }
        b.append("<h2>Search tree</h2>");
        if (!page.tree().nodes().isEmpty()) {
            b.append("<p class=\"legend\">Depth runs down, siblings left to right in the order the search tried them. "
                    + "<span class=\"proofpath\">proof path</span> green: proved, red: failed, grey: open; ✗k: k tactics failed "
                    + "there; ∎: proof complete; +k: states not drawn (see the list); dashed: a state reached again. "
                    + "Hover for goals and tactics; click a state for its entry in the list.</p>");
            b.append("<div class=\"graph\">").append(TreeGraph.svg(page.tree())).append("</div>");
            b.append("<h3>Search tree as a list</h3>");
        }
        tree(b, page.tree());
        return HtmlPage.close(b);
    }

    /** "12.3&nbsp;s": a time never breaks before its unit. */
    private static String seconds(ProblemResult r) {
        return String.format(Locale.ROOT, "%.1f&nbsp;s", r.time().toMillis() / 1000.0);
    }

    /**
     * The proof's heading says what checked it, from the run's simulation label: when the simulated
     * REPL accepted it nothing was verified; when a real Lean checked what a simulated model found,
     * the proof is verified but the run is still a simulated one.
     */
    private static String proofHeading(RunInfo info) {
        if (!info.simulated()) {
            return "<h2>Verified proof</h2>";
        }
        // A run whose REPL was the simulator records "simulated" as its Lean version (ProverStack).
        if (SIMULATED_LEAN.equals(info.leanVersion())) {
            return "<h2>Simulated proof</h2><p class=\"sim\">SIMULATED: accepted by the simulated Lean REPL, not checked by a real "
                    + "Lean; it proves nothing about the statement.</p>";
        }
        return "<h2>Verified proof <span class=\"note\">(simulated run: found by the simulated model, checked by Lean "
                + esc(info.leanVersion()) + ")</span></h2>";
    }

    /**
     * The search's recorded tree as nested collapsible lists; a node reached again through the DAG
     * is a link to its first drawing. Only the proof the search extracted is highlighted, not every
     * edge between proved nodes.
     */
    private static void tree(StringBuilder b, RecordedTree tree) {
        if (tree.nodes().isEmpty()) {
            b.append("<p>No search tree was recorded for this problem.</p>");
            return;
        }
        List<List<Integer>> out = new ArrayList<>(tree.nodes().size());
        for (int i = 0; i < tree.nodes().size(); i++) {
            out.add(new ArrayList<>());
        }
        for (int i = 0; i < tree.edges().size(); i++) {
            out.get(tree.edges().get(i).source()).add(i);
        }
        Set<Integer> proofEdges = Set.copyOf(tree.proofEdges());
        Set<Integer> onProof = new HashSet<>();
        for (int i : proofEdges) {
            onProof.add(tree.edges().get(i).source());
            onProof.add(tree.edges().get(i).target());
        }
        b.append("<p class=\"legend\"><span class=\"proofpath\">proof path</span> <span class=\"err\">Lean error</span> "
                + "<span class=\"tmo\">timeout / crash / rejected</span> <button type=\"button\" id=\"expand\">expand all</button> "
                + "<button type=\"button\" id=\"collapse\">collapse all</button></p>");
        b.append("<div class=\"tree\" data-nodes=\"").append(tree.nodes().size()).append("\"><ul>");
        Set<Integer> drawn = new HashSet<>();
        int[] budget = {MAX_DRAWN_NODES};
        node(b, tree, 0, out, proofEdges, onProof, drawn, budget, 0);
        b.append("</ul></div>");
        if (budget[0] <= 0) {
            b.append("<p class=\"note\">Tree truncated: ").append(tree.nodes().size() - drawn.size())
                    .append(" more node(s) are recorded in the store but not drawn.</p>");
        }
    }

    private static void node(StringBuilder b, RecordedTree tree, int id, List<List<Integer>> out, Set<Integer> proofEdges,
            Set<Integer> onProof, Set<Integer> drawn, int[] budget, int depth) {
        NodeRecord n = tree.nodes().get(id);
        drawn.add(id);
        budget[0]--;
        boolean open = depth < 2 || onProof.contains(id);
        String status = n.status().name().toLowerCase(Locale.ROOT);
        b.append("<li><details").append(open ? " open" : "").append(" id=\"n").append(id).append("\"><summary class=\"node ")
                .append(esc(status)).append(onProof.contains(id) ? " proofpath" : "").append("\">#").append(id)
                .append(" <span class=\"status\">").append(esc(status)).append("</span><pre>").append(esc(n.goals()))
                .append("</pre></summary><ul>");
        for (int i : out.get(id)) {
            EdgeRecord e = tree.edges().get(i);
            b.append("<li class=\"edge ").append(edgeClass(e.kind(), proofEdges.contains(i))).append("\">");
            if (!e.thought().isEmpty()) {
                // The model's thought before the tactic (a thinking template): shown, never scored.
                b.append("<span class=\"thought\">").append(esc(e.thought())).append("</span>");
            }
            b.append("<code>").append(esc(e.tactic())).append("</code>")
                    .append(String.format(Locale.ROOT, " <span class=\"score\">%.3f</span> ", e.score()))
                    .append("<span class=\"outcome\">").append(esc(e.kind().name().toLowerCase(Locale.ROOT))).append("</span>");
            if (!e.message().isEmpty()) {
                b.append("<pre class=\"error\">").append(esc(e.message())).append("</pre>");
            }
            if (e.target() != EdgeRecord.NO_NODE) {
                if (drawn.contains(e.target())) {
                    b.append(" → <a href=\"#n").append(e.target()).append("\">#").append(e.target()).append("</a> (merged)");
                } else if (budget[0] > 0) {
                    b.append("<ul>");
                    node(b, tree, e.target(), out, proofEdges, onProof, drawn, budget, depth + 1);
                    b.append("</ul>");
                }
            }
            b.append("</li>");
        }
        b.append("</ul></details></li>");
    }

    private static String edgeClass(EdgeKind kind, boolean onProof) {
        String base = switch (kind) {
            case PROGRESS -> "ok";
            case PROOF_COMPLETE -> "done";
            case LEAN_ERROR -> "err";
            case PROOF_REJECTED, TIMEOUT, REJECTED, CRASHED, FILTERED, CYCLE -> "tmo";
        };
        return onProof ? base + " proofpath" : base;
    }

    private static String passRateCurve(List<ProblemResult> results) {
        List<Long> spent = results.stream().filter(ProblemResult::proved).map(ProblemResult::expansions).sorted().toList();
        List<SvgChart.Point> points = new ArrayList<>();
        int total = Math.max(1, results.size());
        for (int i = 0; i < spent.size(); i++) {
            points.add(new SvgChart.Point(spent.get(i), 100.0 * (i + 1) / total));
        }
        double xMax = results.stream().mapToLong(ProblemResult::expansions).max().orElse(1);
        return SvgChart.steps("Pass rate against expansions spent", points, xMax, "expansions spent", "problems solved (%)",
                SvgChart.Scale.PERCENT);
    }

    /** Bins of a round width (1/2/5×10^k seconds), so their edges read as plain numbers. */
    private static String timeHistogram(List<ProblemResult> results) {
        double max = results.stream().mapToDouble(r -> r.time().toMillis() / 1000.0).max().orElse(1);
        AxisTicks edges = AxisTicks.covering(Math.max(max, 0.001), 8, false);
        double width = edges.step();
        int bins = Math.max(1, (int) Math.round(edges.top() / width));
        int[] counts = new int[bins];
        for (ProblemResult r : results) {
            counts[Math.min(bins - 1, (int) ((r.time().toMillis() / 1000.0) / width))]++;
        }
        List<SvgChart.Bar> bars = new ArrayList<>();
        for (int i = 0; i < bins; i++) {
            bars.add(new SvgChart.Bar(edges.label(i * width) + "–" + edges.label((i + 1) * width), counts[i],
                    String.valueOf(counts[i])));
        }
        return SvgChart.bars("Time per problem", bars, "seconds", "problems", SvgChart.Scale.COUNT);
    }

    private static String proofLengths(List<ProblemResult> results) {
        Map<Integer, Integer> counts = new TreeMap<>();
        results.stream().filter(ProblemResult::proved).forEach(r -> counts.merge(r.proof().size(), 1, Integer::sum));
        List<SvgChart.Bar> bars = counts.entrySet().stream()
                .map(e -> new SvgChart.Bar(String.valueOf(e.getKey()), e.getValue(), String.valueOf(e.getValue()))).toList();
        return SvgChart.bars("Proof length of solved problems", bars, "tactics in the proof", "problems", SvgChart.Scale.COUNT);
    }

    private static String familyBars(RunSummary s) {
        List<SvgChart.Bar> bars = s.familiesBySize().stream()
                .map(e -> new SvgChart.Bar(e.getKey(), 100 * e.getValue().passRate(),
                        e.getValue().solved() + "/" + e.getValue().total()))
                .toList();
        return SvgChart.bars("Pass rate by family", bars, "", "solved (%)", SvgChart.Scale.PERCENT);
    }
}
