package dev.stepwise.prover.report;

import dev.stepwise.search.EdgeKind;
import dev.stepwise.search.EdgeRecord;
import dev.stepwise.search.NodeRecord;
import dev.stepwise.search.RecordedTree;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The search tree as an inline SVG graph: one row per depth (the breadth-first distance from the
 * root), siblings left to right in the order the search recorded them, each parent over its
 * children. A state reached again through the DAG is drawn once, under its first parent, and the
 * other edges into it are dashed. Failed tactics are counted beside their state, not drawn; a
 * finished proof is a small ∎ under the state it closed. Only {@link #MAX_NODES} states are
 * drawn: the proof path and its ancestors first, then breadth-first; the states left out are
 * counted under their parent ("+k"), so a search of thousands of states stays a page of a few
 * dozen kilobytes. Each state links to its entry in the list view, which shows everything.
 */
final class TreeGraph {
    static final int MAX_NODES = 120;
    private static final int DX = 30;
    private static final int DY = 58;
    private static final int MARGIN = 20;
    /** Room right of the last column for a proof step's tactic written beside its edge. */
    private static final int LABEL_ROOM = 170;
    private static final int R = 7;

    private final RecordedTree tree;
    private final Set<Integer> proofEdges;
    private final List<List<Integer>> out;
    /** The edge through which breadth-first search first reached each node, or -1 (root, unreached). */
    private final int[] via;
    private final int[] depth;
    private final boolean[] drawn;
    private final double[] x;
    /** Columns of each state's ∎ and "+k" leaves, NaN where it has none. */
    private final double[] qedCol;
    private final double[] moreCol;
    private int slots;

    private TreeGraph(RecordedTree tree) {
        this.tree = tree;
        this.proofEdges = Set.copyOf(tree.proofEdges());
        int n = tree.nodes().size();
        out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(new ArrayList<>());
        }
        for (int i = 0; i < tree.edges().size(); i++) {
            out.get(tree.edges().get(i).source()).add(i);
        }
        via = new int[n];
        depth = new int[n];
        drawn = new boolean[n];
        x = new double[n];
        qedCol = new double[n];
        moreCol = new double[n];
        Arrays.fill(qedCol, Double.NaN);
        Arrays.fill(moreCol, Double.NaN);
        Arrays.fill(via, -1);
        Arrays.fill(depth, -1);
    }

    /** The graph of a non-empty tree, with the number of states it draws first in its data attributes. */
    static String svg(RecordedTree tree) {
        TreeGraph g = new TreeGraph(tree);
        List<Integer> order = g.breadthFirst();
        g.choose(order);
        g.place(0);
        return g.draw();
    }

    private List<Integer> breadthFirst() {
        List<Integer> order = new ArrayList<>();
        Deque<Integer> queue = new ArrayDeque<>();
        depth[0] = 0;
        queue.add(0);
        while (!queue.isEmpty()) {
            int at = queue.poll();
            order.add(at);
            for (int i : out.get(at)) {
                int t = tree.edges().get(i).target();
                if (t != EdgeRecord.NO_NODE && depth[t] < 0) {
                    depth[t] = depth[at] + 1;
                    via[t] = i;
                    queue.add(t);
                }
            }
        }
        return order;
    }

    /** The proof path's states and their breadth-first ancestors, then the rest breadth-first, up to the cap. */
    private void choose(List<Integer> order) {
        int count = 0;
        for (int e : proofEdges) {
            EdgeRecord edge = tree.edges().get(e);
            for (int node : new int[] {edge.source(), edge.target()}) {
                for (int at = node; at != EdgeRecord.NO_NODE && depth[at] >= 0 && !drawn[at]; at = parent(at)) {
                    drawn[at] = true;
                    count++;
                }
            }
        }
        for (int node : order) {
            if (count >= MAX_NODES) {
                break;
            }
            if (!drawn[node] && (node == 0 || drawn[parent(node)])) {
                drawn[node] = true;
                count++;
            }
        }
    }

    private int parent(int node) {
        return via[node] < 0 ? EdgeRecord.NO_NODE : tree.edges().get(via[node]).source();
    }

    /** Tree children of {@code node} in recorded order: the drawn ones, or all of them. */
    private List<Integer> children(int node, boolean onlyDrawn) {
        List<Integer> c = new ArrayList<>();
        for (int i : out.get(node)) {
            int t = tree.edges().get(i).target();
            if (t != EdgeRecord.NO_NODE && via[t] == i && (!onlyDrawn || drawn[t])) {
                c.add(t);
            }
        }
        return c;
    }

    private boolean closes(int node) {
        return out.get(node).stream().anyMatch(i -> tree.edges().get(i).kind() == EdgeKind.PROOF_COMPLETE);
    }

    private int hidden(int node) {
        return children(node, false).size() - children(node, true).size();
    }

    /** Leaves take the next column; a parent sits over the middle of its first and last child. */
    private void place(int node) {
        List<Integer> kids = children(node, true);
        double first = Double.NaN;
        double last = Double.NaN;
        for (int k : kids) {
            place(k);
            first = Double.isNaN(first) ? x[k] : first;
            last = x[k];
        }
        // A proof's ∎ and the "+k" of states left out are leaves of their own.
        if (closes(node)) {
            qedCol[node] = slots++;
            first = Double.isNaN(first) ? qedCol[node] : first;
            last = qedCol[node];
        }
        if (hidden(node) > 0) {
            moreCol[node] = slots++;
            first = Double.isNaN(first) ? moreCol[node] : first;
            last = moreCol[node];
        }
        x[node] = Double.isNaN(first) ? slots++ : (first + last) / 2;
    }

    private double px(double col) {
        return MARGIN + col * DX;
    }

    private double py(int d) {
        return MARGIN + d * DY;
    }

    private String draw() {
        int maxDepth = 0;
        int count = 0;
        for (int i = 0; i < drawn.length; i++) {
            if (drawn[i]) {
                maxDepth = Math.max(maxDepth, depth[i] + 1);
                count++;
            }
        }
        int width = (int) Math.ceil(px(Math.max(1, slots) - 1) + MARGIN + LABEL_ROOM);
        int height = (int) Math.ceil(py(maxDepth) + MARGIN);
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "<svg class=\"treegraph\" id=\"treegraph\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
                + "role=\"img\" aria-label=\"search tree\" data-drawn=\"%d\" data-nodes=\"%d\">", width, height, width, height, count,
                drawn.length));
        StringBuilder labels = new StringBuilder();
        // Edges first, so the states are drawn over them.
        for (int i = 0; i < tree.edges().size(); i++) {
            EdgeRecord e = tree.edges().get(i);
            boolean proof = proofEdges.contains(i);
            if (!drawn[e.source()]) {
                continue;
            }
            double x1 = px(x[e.source()]);
            double y1 = py(depth[e.source()]);
            double x2;
            double y2;
            String cls;
            if (e.kind() == EdgeKind.PROOF_COMPLETE) {
                x2 = px(qedCol[e.source()]);
                y2 = py(depth[e.source()] + 1) - 6;
                cls = "done";
            } else if (e.target() != EdgeRecord.NO_NODE && drawn[e.target()]) {
                x2 = px(x[e.target()]);
                y2 = py(depth[e.target()]);
                cls = via[e.target()] == i ? "ok" : "merge";
            } else {
                continue;
            }
            s.append(String.format(Locale.ROOT, "<line class=\"edge %s%s\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"><title>%s "
                    + "(%.3f)</title></line>", cls, proof ? " proofpath" : "", x1, y1, x2, y2, Html.esc(e.tactic()), e.score()));
            if (proof) {
                labels.append(String.format(Locale.ROOT, "<text class=\"tactic\" x=\"%.1f\" y=\"%.1f\">%s<title>%s</title></text>",
                        (x1 + x2) / 2 + 6, (y1 + y2) / 2 + 3, Html.esc(SvgChart.fit(e.tactic(), LABEL_ROOM - 10)),
                        Html.esc(e.tactic())));
            }
        }
        for (int node = 0; node < drawn.length; node++) {
            if (drawn[node]) {
                drawNode(s, node);
            }
        }
        s.append(labels);
        return s.append("</svg>").toString();
    }

    private void drawNode(StringBuilder s, int node) {
        NodeRecord n = tree.nodes().get(node);
        String status = n.status().name().toLowerCase(Locale.ROOT);
        boolean onProof = node == 0 && !proofEdges.isEmpty() || proofEdges.stream().anyMatch(i -> tree.edges().get(i).target() == node);
        double cx = px(x[node]);
        double cy = py(depth[node]);
        long failed = out.get(node).stream().map(i -> tree.edges().get(i))
                .filter(e -> e.target() == EdgeRecord.NO_NODE && e.kind() != EdgeKind.PROOF_COMPLETE).count();
        String goal = n.goals().length() > 400 ? n.goals().substring(0, 399) + "…" : n.goals();
        s.append(String.format(Locale.ROOT, "<a href=\"#n%d\"><circle class=\"gnode %s%s\" cx=\"%.1f\" cy=\"%.1f\" r=\"%d\" "
                + "data-node=\"%d\"><title>#%d %s, %d failed tactic(s)\n%s</title></circle></a>", node, status,
                onProof ? " proofpath" : "", cx, cy, R, node, node, status, failed, Html.esc(goal)));
        s.append(String.format(Locale.ROOT, "<text class=\"nid\" x=\"%.1f\" y=\"%.1f\">#%d</text>", cx, cy + R + 10, node));
        if (failed > 0) {
            s.append(String.format(Locale.ROOT, "<text class=\"nfail\" x=\"%.1f\" y=\"%.1f\">✗%d<title>%d tactic(s) failed here"
                    + "</title></text>", cx + R + 2, cy - R + 1, failed, failed));
        }
        int hidden = hidden(node);
        if (!Double.isNaN(qedCol[node])) {
            double col = qedCol[node];
            s.append(String.format(Locale.ROOT, "<text class=\"qed\" x=\"%.1f\" y=\"%.1f\">∎<title>proof complete</title></text>",
                    px(col), py(depth[node] + 1) + 4));
        }
        if (hidden > 0) {
            double col = moreCol[node];
            s.append(String.format(Locale.ROOT, "<line class=\"edge more\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>", cx, cy,
                    px(col), py(depth[node] + 1) - 8));
            s.append(String.format(Locale.ROOT, "<text class=\"more\" x=\"%.1f\" y=\"%.1f\">+%d<title>%d state(s) under #%d not drawn; "
                    + "see the list</title></text>", px(col), py(depth[node] + 1) + 4, hidden, hidden, node));
        }
    }
}
