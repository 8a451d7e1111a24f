package dev.stepwise.prover.report;

import static dev.stepwise.prover.report.Html.esc;

import dev.stepwise.search.EdgeKind;
import dev.stepwise.search.EdgeRecord;
import dev.stepwise.search.RecordedTree;
import java.util.ArrayList;
import java.util.List;

/**
 * A whole-proof attempt on its problem page: its accepted proof as the model wrote it, and every
 * proof it checked in order, each sampled proof with its revision chain: the gate's verdict with
 * Lean's errors, the repair turn the model was given (Lean's errors marked in the checked code)
 * and the reply it wrote. Apart from the step search's tree drawing ({@link TreeGraph}).
 */
final class WholeProofSection {
    private WholeProofSection() {
    }

    static void append(StringBuilder b, RecordedTree tree) {
        List<EdgeRecord> edges = tree.edges();
        edges.stream().filter(e -> e.kind() == EdgeKind.PROOF_COMPLETE).findFirst().ifPresent(accepted -> {
            b.append("<h2>Accepted proof as the model wrote it</h2>");
            if (!accepted.thought().isEmpty()) {
                b.append("<details class=\"reply\" open><summary>the accepted reply</summary><pre class=\"reply\">")
                        .append(esc(accepted.thought())).append("</pre></details>");
            }
            b.append("<pre class=\"lean proof\">").append(esc(accepted.tactic())).append("</pre>");
        });
        b.append("<h2>Proofs checked</h2>");
        if (edges.isEmpty()) {
            b.append("<p>No proof was checked.</p>");
            return;
        }
        b.append("<p class=\"legend\">Each sampled proof in the order it was checked, then its revisions: the model got "
                + "Lean's errors in the repair turn shown and wrote the next reply.</p><ol class=\"whole-proofs\">");
        for (List<EdgeRecord> chain : chains(edges)) {
            b.append("<li>");
            for (int i = 0; i < chain.size(); i++) {
                EdgeRecord e = chain.get(i);
                if (i > 0) {
                    b.append("<div class=\"revision\"><h4>revision ").append(i).append("</h4>")
                            .append("<details class=\"feedback\"><summary>repair turn with Lean's errors</summary><pre>")
                            .append(esc(e.feedback())).append("</pre></details>");
                }
                b.append("<p class=\"").append(edgeClass(e.kind())).append("\">").append(verdict(e.kind()));
                if (!e.message().isEmpty()) {
                    b.append(": ").append(esc(e.message()));
                }
                b.append("</p><pre class=\"lean\">").append(esc(e.tactic())).append("</pre>");
                if (!e.thought().isEmpty() && e.kind() != EdgeKind.PROOF_COMPLETE) {
                    b.append("<details class=\"reply\"><summary>reply</summary><pre class=\"reply\">").append(esc(e.thought()))
                            .append("</pre></details>");
                }
                if (i > 0) {
                    b.append("</div>");
                }
            }
            b.append("</li>");
        }
        b.append("</ol>");
    }

    /** The edges grouped by sampled proof: a revision follows the edge it revises. */
    static List<List<EdgeRecord>> chains(List<EdgeRecord> edges) {
        List<List<EdgeRecord>> out = new ArrayList<>();
        for (EdgeRecord e : edges) {
            if (e.revision() && !out.isEmpty()) {
                out.getLast().add(e);
            } else {
                out.add(new ArrayList<>(List.of(e)));
            }
        }
        return out;
    }

    private static String verdict(EdgeKind kind) {
        return switch (kind) {
            case PROOF_COMPLETE -> "accepted by the gate";
            case PROOF_REJECTED -> "refused";
            case FILTERED -> "no proof in the reply";
            case CRASHED -> "Lean did not answer";
            case PROGRESS, LEAN_ERROR, TIMEOUT, REJECTED, CYCLE -> kind.name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    private static String edgeClass(EdgeKind kind) {
        return kind == EdgeKind.PROOF_COMPLETE ? "outcome proved" : "outcome unproved";
    }
}
