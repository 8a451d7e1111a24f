package dev.stepwise.prover.report;

import java.util.List;
import java.util.Locale;

/** Small inline SVG charts: no scripts, no external files, readable without a browser plug-in. */
final class SvgChart {
    private static final int W = 520;
    private static final int H = 260;
    private static final int LEFT = 48;
    private static final int BOTTOM = 36;
    private static final int TOP = 24;

    /** A labelled value. */
    record Bar(String label, double value, String note) {
    }

    /** A point of a line chart. */
    record Point(double x, double y) {
    }

    private SvgChart() {
    }

    /** Vertical bars with the value above each and the label below. */
    static String bars(String title, List<Bar> bars, String yLabel, double yMax) {
        StringBuilder s = open(title);
        // Headroom above the tallest bar keeps its value label clear of the title.
        double max = Math.max(yMax, 1.15 * bars.stream().mapToDouble(Bar::value).max().orElse(1));
        int n = Math.max(1, bars.size());
        double slot = (W - LEFT - 10.0) / n;
        axes(s, yLabel, max);
        for (int i = 0; i < bars.size(); i++) {
            Bar b = bars.get(i);
            double h = (H - TOP - BOTTOM) * (b.value() / max);
            double x = LEFT + i * slot + slot * 0.15;
            double y = H - BOTTOM - h;
            s.append(String.format(Locale.ROOT,
                    "<rect class=\"bar\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\"><title>%s: %s</title></rect>",
                    x, y, slot * 0.7, h, Html.esc(b.label()), Html.esc(b.note())));
            s.append(String.format(Locale.ROOT, "<text class=\"val\" x=\"%.1f\" y=\"%.1f\">%s</text>", x + slot * 0.35, y - 3,
                    Html.esc(b.note())));
            s.append(String.format(Locale.ROOT, "<text class=\"lbl\" x=\"%.1f\" y=\"%d\" transform=\"rotate(20 %.1f %d)\">%s</text>",
                    x + slot * 0.1, H - BOTTOM + 14, x + slot * 0.1, H - BOTTOM + 14, Html.esc(shorten(b.label(), 16))));
        }
        return s.append("</svg>").toString();
    }

    /** A step line through the points (x ascending), for cumulative curves. */
    static String steps(String title, List<Point> points, double xMax, String xLabel, String yLabel, double yMax) {
        StringBuilder s = open(title);
        axes(s, yLabel, yMax);
        StringBuilder path = new StringBuilder();
        double prevY = H - BOTTOM;
        path.append(String.format(Locale.ROOT, "M%d %.1f", LEFT, prevY));
        for (Point p : points) {
            double x = LEFT + (W - LEFT - 10) * (p.x() / Math.max(1, xMax));
            double y = H - BOTTOM - (H - TOP - BOTTOM) * (p.y() / yMax);
            path.append(String.format(Locale.ROOT, " L%.1f %.1f L%.1f %.1f", x, prevY, x, y));
            prevY = y;
        }
        path.append(String.format(Locale.ROOT, " L%d %.1f", W - 10, prevY));
        s.append("<path class=\"line\" d=\"").append(path).append("\"/>");
        s.append(String.format(Locale.ROOT, "<text class=\"lbl\" x=\"%d\" y=\"%d\">%s (max %s)</text>", LEFT, H - 6,
                Html.esc(xLabel), format(Math.max(1, xMax))));
        return s.append("</svg>").toString();
    }

    private static StringBuilder open(String title) {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "<svg class=\"chart\" viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"%s\">", W, H,
                Html.esc(title)));
        s.append(String.format(Locale.ROOT, "<text class=\"title\" x=\"%d\" y=\"16\">%s</text>", LEFT, Html.esc(title)));
        return s;
    }

    private static void axes(StringBuilder s, String yLabel, double max) {
        s.append(String.format(Locale.ROOT, "<line class=\"axis\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>", LEFT, TOP, LEFT, H - BOTTOM));
        s.append(String.format(Locale.ROOT, "<line class=\"axis\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>", LEFT, H - BOTTOM, W - 10,
                H - BOTTOM));
        s.append(String.format(Locale.ROOT, "<text class=\"lbl\" x=\"4\" y=\"%d\">%s</text>", TOP + 8, format(max)));
        s.append(String.format(Locale.ROOT, "<text class=\"lbl\" x=\"4\" y=\"%d\">0</text>", H - BOTTOM));
        s.append(String.format(Locale.ROOT, "<text class=\"lbl\" x=\"4\" y=\"%d\">%s</text>", (H - BOTTOM + TOP) / 2,
                Html.esc(shorten(yLabel, 7))));
    }

    private static String format(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.1f", v);
    }

    private static String shorten(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
