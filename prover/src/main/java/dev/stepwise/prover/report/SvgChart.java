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

    /** The value of a series at slot {@code slot}; {@code note} is what the chart writes for it. */
    record Value(int slot, double value, String note) {
    }

    /**
     * A named series of a per-slot chart. A slot the series has no value for is left out (a round
     * that has not reached the stage, say). The style index picks its colour.
     */
    record Series(String name, String cssName, int style, List<Value> values) {
        Series {
            values = List.copyOf(values);
        }
    }

    private SvgChart() {
    }

    /**
     * One slot per x label: the bar series side by side in each slot, the line series through the
     * slots' centres with a marked point per value, and a mark under each slot's label (empty for
     * none). The legend is a caption under the drawing.
     */
    static String perSlot(String title, List<String> slots, List<Series> bars, List<Series> lines, List<String> marks, String yLabel,
            double yMax) {
        StringBuilder s = open(title);
        // Headroom above the tallest value keeps its label clear of the title.
        double tallest = concat(bars, lines).stream().flatMap(x -> x.values().stream()).mapToDouble(Value::value).max().orElse(0);
        double max = Math.max(yMax, 1.15 * tallest);
        axes(s, yLabel, max);
        int n = Math.max(1, slots.size());
        double slot = (W - LEFT - 10.0) / n;
        double plot = H - TOP - BOTTOM;
        for (int i = 0; i < slots.size(); i++) {
            s.append(String.format(Locale.ROOT, "<text class=\"lbl\" x=\"%.1f\" y=\"%d\">%s</text>", LEFT + i * slot + slot * 0.3,
                    H - BOTTOM + 14, Html.esc(shorten(slots.get(i), 12))));
            if (i < marks.size() && !marks.get(i).isEmpty()) {
                s.append(String.format(Locale.ROOT, "<text class=\"mark\" x=\"%.1f\" y=\"%d\">%s</text>", LEFT + (i + 0.5) * slot,
                        H - BOTTOM + 28, Html.esc(marks.get(i))));
            }
        }
        double width = slot * 0.7 / Math.max(1, bars.size());
        for (int k = 0; k < bars.size(); k++) {
            Series series = bars.get(k);
            for (Value v : series.values()) {
                double h = plot * Math.min(1, v.value() / max);
                double x = LEFT + v.slot() * slot + slot * 0.15 + k * width;
                s.append(String.format(Locale.ROOT, "<rect class=\"bar %s s%d\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
                        + "data-x=\"%s\" data-value=\"%s\"><title>%s, %s: %s</title></rect>", series.cssName(), series.style(), x,
                        H - BOTTOM - h, width, h, Html.esc(slots.get(v.slot())), format(v.value()), Html.esc(series.name()),
                        Html.esc(slots.get(v.slot())), Html.esc(v.note())));
                s.append(String.format(Locale.ROOT, "<text class=\"val\" x=\"%.1f\" y=\"%.1f\">%s</text>", x + width / 2,
                        H - BOTTOM - h - 3, Html.esc(v.note())));
            }
        }
        for (Series series : lines) {
            StringBuilder path = new StringBuilder();
            StringBuilder points = new StringBuilder();
            for (Value v : series.values()) {
                double x = LEFT + (v.slot() + 0.5) * slot;
                double y = H - BOTTOM - plot * Math.min(1, v.value() / max);
                path.append(path.isEmpty() ? "M" : " L").append(String.format(Locale.ROOT, "%.1f %.1f", x, y));
                points.append(String.format(Locale.ROOT, "<circle class=\"pt %s s%d\" cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" data-x=\"%s\" "
                        + "data-value=\"%s\"><title>%s, %s: %s</title></circle>", series.cssName(), series.style(), x, y,
                        Html.esc(slots.get(v.slot())), format(v.value()), Html.esc(series.name()), Html.esc(slots.get(v.slot())),
                        Html.esc(v.note())));
                points.append(String.format(Locale.ROOT, "<text class=\"lbl\" x=\"%.1f\" y=\"%.1f\">%s</text>", x + 6, y - 6,
                        Html.esc(format(v.value()))));
            }
            s.append("<path class=\"line s").append(series.style()).append("\" d=\"").append(path).append("\"/>").append(points);
        }
        s.append("</svg>");
        StringBuilder key = new StringBuilder("<figcaption class=\"legend\">");
        for (Series series : concat(bars, lines)) {
            key.append("<span class=\"key s").append(series.style()).append("\"></span>").append(Html.esc(series.name())).append(' ');
        }
        return "<figure class=\"chart\">" + s + key.toString().strip() + "</figcaption></figure>";
    }

    private static List<Series> concat(List<Series> a, List<Series> b) {
        List<Series> out = new java.util.ArrayList<>(a);
        out.addAll(b);
        return out;
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
