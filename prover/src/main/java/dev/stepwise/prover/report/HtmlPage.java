package dev.stepwise.prover.report;

import static dev.stepwise.prover.report.Html.esc;

/** The frame every report page shares: inline styles, the page script, nothing loaded from outside. */
final class HtmlPage {
    private HtmlPage() {
    }

    static void kv(StringBuilder b, String k, String v) {
        b.append("<tr><th>").append(esc(k)).append("</th><td>").append(esc(v)).append("</td></tr>");
    }

    static StringBuilder shell(String title) {
        StringBuilder b = new StringBuilder(64 * 1024);
        b.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>").append(esc(title))
                .append("</title><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><style>")
                .append(STYLE).append("</style></head><body>");
        return b;
    }

    static String close(StringBuilder b) {
        return b.append("<script>").append(SCRIPT).append("</script></body></html>").toString();
    }

    private static final String STYLE = """
            body{font:14px/1.45 system-ui,sans-serif;margin:24px auto;max-width:1100px;color:#222;padding:0 16px}
            h1{font-size:22px}h2{font-size:17px;margin-top:28px}
            pre{font:12px/1.35 ui-monospace,monospace;white-space:pre-wrap;margin:2px 0}
            .sim{background:#fff3cd;border:1px solid #e0c060;padding:6px 10px;font-weight:600}
            table{border-collapse:collapse}td,th{padding:3px 8px;border-bottom:1px solid #ddd;text-align:left;vertical-align:top}
            table.kv th{color:#555;font-weight:500}
            tr.proved td:nth-child(3),.outcome.proved{color:#137333;font-weight:600}
            tr.failed td:nth-child(3),.outcome.failed{color:#b06000}
            .charts{display:grid;grid-template-columns:repeat(auto-fill,minmax(420px,1fr));gap:12px;margin-top:16px}
            svg.chart{width:100%;border:1px solid #eee;background:#fcfcfc}
            svg .bar{fill:#4c78a8}svg .line{fill:none;stroke:#4c78a8;stroke-width:2}svg .axis{stroke:#888}
            svg .bar.s1{fill:#f58518}svg .line.s1{stroke:#f58518}svg .pt{fill:#4c78a8}svg .pt.s1{fill:#f58518}
            figure.chart{margin:0}figcaption.legend{font-size:12px;color:#444}
            .key{display:inline-block;width:10px;height:10px;margin:0 4px 0 8px}.key.s0{background:#4c78a8}.key.s1{background:#f58518}
            svg .mark{text-anchor:middle;font-weight:600}
            tr.promoted td.decision{color:#137333;font-weight:600}tr.kept td.decision{color:#b06000}
            td.num,th.num{text-align:right}table.rounds{font-size:13px}table.rounds td,table.rounds th{padding:3px 5px}
            svg text{font-size:10px;fill:#444}svg .lbl.x,svg .xtitle,svg .ytitle{text-anchor:middle}svg .ticky,svg .slant{text-anchor:end}
            svg .grid{stroke:#e6e6e6}svg .tick{stroke:#888}
            table.problems{width:100%}table.problems td{white-space:nowrap}table.problems td.name{white-space:normal;overflow-wrap:break-word}
            table.problems td.verdict,table.problems td.family{white-space:normal}table.problems td.verdict{min-width:18em}table.problems td.family{min-width:9em}table.problems td.num,table.stages td.num,table.rounds td:last-child{white-space:nowrap}
            .graph{overflow:auto;max-height:640px;border:1px solid #eee;background:#fcfcfc}
            svg.treegraph .edge{stroke:#bbb;stroke-width:1.2}svg.treegraph .edge.merge{stroke-dasharray:4 3}
            svg.treegraph .edge.more{stroke-dasharray:2 3}svg.treegraph .edge.proofpath{stroke:#137333;stroke-width:3.5}
            svg.treegraph .gnode{fill:#9aa0a6;stroke:#fff;stroke-width:1.5}svg.treegraph .gnode.proved{fill:#34a853}
            svg.treegraph .gnode.failed{fill:#d93025}svg.treegraph .gnode.proofpath{stroke:#137333;stroke-width:3}
            svg.treegraph .nid{font-size:9px;text-anchor:middle;fill:#666}svg.treegraph .nfail{font-size:9px;fill:#a50e0e}
            svg.treegraph .qed{font-size:13px;text-anchor:middle;fill:#137333}svg.treegraph .more{text-anchor:middle;fill:#666}
            svg.treegraph .tactic{font:11px ui-monospace,monospace;fill:#137333;font-weight:600}svg .title{font-size:12px;font-weight:600}svg .val{text-anchor:middle}svg .val.inbar{fill:#fff}
            pre.lean{background:#f6f8fa;padding:10px;border:1px solid #e1e4e8}pre.proof{border-color:#137333}
            .tree ul{list-style:none;padding-left:18px;border-left:1px dotted #bbb;margin:0}
            .tree summary{cursor:pointer}.node pre{display:inline-block;vertical-align:top;background:#f6f8fa;padding:2px 6px;margin:2px 0}
            .node.proved .status{color:#137333}.node.failed .status{color:#a50e0e}.status{font-size:11px;margin:0 4px}
            .proofpath>pre,.proofpath>code,summary.proofpath pre{outline:2px solid #137333}
            .edge code{background:#eef;padding:0 4px}.edge.err code{background:#fde2e1}.edge.tmo code{background:#fff0c2}
            .edge.done code{background:#d7f5dd}.score{color:#666;font-size:11px}.outcome{font-size:11px;color:#555}
            pre.error{color:#a50e0e;font-size:11px;margin-left:12px}
            .thought{display:block;color:#5f6368;font-style:italic;white-space:pre-wrap;margin:2px 0}
            .legend span{padding:0 6px;margin-right:6px}.legend .proofpath{outline:2px solid #137333}
            .legend .err{background:#fde2e1}.legend .tmo{background:#fff0c2}.note{color:#666}
            """;

    /** Expand/collapse buttons; the body flag tells a test that the page ran its script. */
    private static final String SCRIPT = """
            (function(){
              function all(open){document.querySelectorAll('.tree details').forEach(function(d){d.open=open;});}
              var e=document.getElementById('expand'), c=document.getElementById('collapse');
              if(e){e.addEventListener('click',function(){all(true);});}
              if(c){c.addEventListener('click',function(){all(false);});}
              document.body.setAttribute('data-ready','1');
            })();
            """;
}
