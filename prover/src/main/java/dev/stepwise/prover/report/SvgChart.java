package dev.stepwise.prover.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Small inline SVG charts: no scripts, no external files, readable without a browser plug-in.
 * Axes carry ticks at 1/2/5×10^k steps ({@link AxisTicks}) with grid lines, and every label is
 * placed, or shortened, so that it stays inside the drawing (its full text is in a tooltip).
 */
final class SvgChart {
    static final int W = 520;
    static final int H = 260;
    private static final int LEFT = 52;
    private static final int RIGHT = 22;
    private static final int BOTTOM = 64;
    private static final int TOP = 30;
    private static final double PLOT_W = W - LEFT - RIGHT;
    private static final double PLOT_H = H - TOP - BOTTOM;
    /** A generous width of one 10px character, so a label measured by it fits when drawn. */
    private static final double CHAR_W = 6.2;
    private static final int Y_TICKS = 5;

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

    /** Whether the y axis counts things (whole ticks) or measures a percentage (0 to 100). */
    enum Scale {
        COUNT,
        PERCENT
    }

    private SvgChart() {
    }

    /**
     * One slot per x label: the bar series side by side in each slot, the line series through the
     * slots' centres with a marked point per value, and a mark under each slot's label (empty for
     * none). The legend is a caption under the drawing. A count axis reaches at least {@code atLeast}
     * (the pool's size, say, so that "solved so far" reads against it).
     */
    static String perSlot(String title, List<String> slots, List<Series> bars, List<Series> lines, List<String> marks, String yLabel,
            Scale scale, double atLeast) {
        StringBuilder s = open(title);
        double tallest = concat(bars, lines).stream().flatMap(x -> x.values().stream()).mapToDouble(Value::value).max().orElse(0);
        double max = yAxis(s, yLabel, scale, tallest, atLeast);
        int n = Math.max(1, slots.size());
        double slot = PLOT_W / n;
        for (int i = 0; i < slots.size(); i++) {
            double centre = LEFT + (i + 0.5) * slot;
            s.append(String.format(Locale.ROOT, "<text class=\"lbl x\" x=\"%.1f\" y=\"%d\">%s</text>", centre, H - BOTTOM + 14,
                    Html.esc(fit(slots.get(i), slot))));
            if (i < marks.size() && !marks.get(i).isEmpty()) {
                s.append(String.format(Locale.ROOT, "<text class=\"mark\" x=\"%.1f\" y=\"%d\">%s</text>", centre, H - BOTTOM + 28,
                        Html.esc(marks.get(i))));
            }
        }
        double width = slot * 0.7 / Math.max(1, bars.size());
        for (int k = 0; k < bars.size(); k++) {
            Series series = bars.get(k);
            for (Value v : series.values()) {
                double h = PLOT_H * Math.min(1, v.value() / max);
                double x = LEFT + v.slot() * slot + slot * 0.15 + k * width;
                s.append(String.format(Locale.ROOT, "<rect class=\"bar %s s%d\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
                        + "data-x=\"%s\" data-value=\"%s\"><title>%s, %s: %s</title></rect>", series.cssName(), series.style(), x,
                        H - BOTTOM - h, width, h, Html.esc(slots.get(v.slot())), format(v.value()), Html.esc(series.name()),
                        Html.esc(slots.get(v.slot())), Html.esc(v.note())));
                // With a line drawn through the slots, a value goes inside its bar (when the bar
                // has room), so it does not sit on the line's own value at the slot's centre.
                boolean inside = !lines.isEmpty() && h > 16;
                s.append(String.format(Locale.ROOT, "<text class=\"val%s\" x=\"%.1f\" y=\"%.1f\">%s</text>", inside ? " inbar" : "",
                        x + width / 2, inside ? H - BOTTOM - h + 12 : H - BOTTOM - h - 3,
                        Html.esc(fit(v.note(), Math.max(width + 16, 30)))));
            }
        }
        for (Series series : lines) {
            StringBuilder path = new StringBuilder();
            StringBuilder points = new StringBuilder();
            for (Value v : series.values()) {
                double x = LEFT + (v.slot() + 0.5) * slot;
                double y = H - BOTTOM - PLOT_H * Math.min(1, v.value() / max);
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
        List<Series> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    /**
     * Vertical bars with the value above each and the label below: level when every label fits
     * its slot, else slanted and ending under its bar, shortened to the room it has.
     */
    static String bars(String title, List<Bar> bars, String xLabel, String yLabel, Scale scale) {
        StringBuilder s = open(title);
        double max = yAxis(s, yLabel, scale, bars.stream().mapToDouble(Bar::value).max().orElse(0), 0);
        int n = Math.max(1, bars.size());
        double slot = PLOT_W / n;
        boolean level = bars.stream().allMatch(b -> b.label().length() * CHAR_W <= slot - 4);
        for (int i = 0; i < bars.size(); i++) {
            Bar b = bars.get(i);
            double h = PLOT_H * Math.min(1, b.value() / max);
            double x = LEFT + i * slot + slot * 0.15;
            double y = H - BOTTOM - h;
            double centre = x + slot * 0.35;
            s.append(String.format(Locale.ROOT,
                    "<rect class=\"bar\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" data-value=\"%s\"><title>%s: %s</title></rect>",
                    x, y, slot * 0.7, h, format(b.value()), Html.esc(b.label()), Html.esc(b.note())));
            s.append(String.format(Locale.ROOT, "<text class=\"val\" x=\"%.1f\" y=\"%.1f\">%s</text>", centre, y - 3,
                    Html.esc(fit(b.note(), Math.max(slot, 30)))));
            if (level) {
                s.append(String.format(Locale.ROOT, "<text class=\"lbl x\" x=\"%.1f\" y=\"%d\">%s</text>", centre, H - BOTTOM + 13,
                        Html.esc(b.label())));
            } else {
                // Slanted 30° down to the left of its anchor, which sits low enough to clear the
                // y axis's "0". Its room: what lies left of the bar (cos 30°) and what lies above
                // the x axis title (sin 30°). Neighbours are parallel, a slot apart along x, so
                // slot × sin 30° apart across: over a line's height whatever their length.
                int ly = H - BOTTOM + 17;
                double room = Math.min((centre - 4) / 0.87, (BOTTOM - 17 - (xLabel.isEmpty() ? 4 : 16)) / 0.5);
                s.append(String.format(Locale.ROOT, "<text class=\"lbl slant\" x=\"%.1f\" y=\"%d\" transform=\"rotate(-30 %.1f %d)\">%s"
                        + "<title>%s</title></text>", centre, ly, centre, ly, Html.esc(fit(b.label(), room)), Html.esc(b.label())));
            }
        }
        xTitle(s, xLabel);
        return s.append("</svg>").toString();
    }

    /** A step line through the points (x ascending), for cumulative curves, over ticked axes. */
    static String steps(String title, List<Point> points, double xMax, String xLabel, String yLabel, Scale scale) {
        StringBuilder s = open(title);
        double yMax = yAxis(s, yLabel, scale, points.stream().mapToDouble(Point::y).max().orElse(0), 0);
        AxisTicks xt = AxisTicks.covering(Math.max(1, xMax), 6, true);
        for (double v : xt.values()) {
            double x = LEFT + PLOT_W * (v / xt.top());
            s.append(String.format(Locale.ROOT, "<line class=\"tick\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\"/>", x, H - BOTTOM, x,
                    H - BOTTOM + 4));
            s.append(String.format(Locale.ROOT, "<text class=\"lbl x tickx\" x=\"%.1f\" y=\"%d\">%s</text>", x, H - BOTTOM + 15,
                    xt.label(v)));
        }
        StringBuilder path = new StringBuilder();
        double prevY = H - BOTTOM;
        path.append(String.format(Locale.ROOT, "M%d %.1f", LEFT, prevY));
        for (Point p : points) {
            double x = LEFT + PLOT_W * (p.x() / xt.top());
            double y = H - BOTTOM - PLOT_H * Math.min(1, p.y() / yMax);
            path.append(String.format(Locale.ROOT, " L%.1f %.1f L%.1f %.1f", x, prevY, x, y));
            prevY = y;
        }
        path.append(String.format(Locale.ROOT, " L%.1f %.1f", LEFT + PLOT_W * (Math.max(1, xMax) / xt.top()), prevY));
        s.append("<path class=\"line\" d=\"").append(path).append("\"/>");
        xTitle(s, xLabel);
        return s.append("</svg>").toString();
    }

    private static StringBuilder open(String title) {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "<svg class=\"chart\" viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"%s\">", W, H,
                Html.esc(title)));
        s.append(String.format(Locale.ROOT, "<text class=\"title\" x=\"%d\" y=\"16\">%s</text>", LEFT, Html.esc(title)));
        return s;
    }

    /**
     * Draws both axes, the y ticks with their grid lines and the y axis title, and returns the
     * value at the top of the axis. Percentages run to 100; counts to a whole tick at or above
     * {@code atLeast} and the tallest value, with a little headroom for the value written over it.
     */
    private static double yAxis(StringBuilder s, String yLabel, Scale scale, double tallest, double atLeast) {
        AxisTicks t = scale == Scale.PERCENT ? AxisTicks.covering(100, Y_TICKS, false)
                : AxisTicks.covering(Math.max(Math.max(1, atLeast), tallest * 1.08), Y_TICKS, true);
        for (double v : t.values()) {
            double y = H - BOTTOM - PLOT_H * (v / t.top());
            if (v > 0) {
                s.append(String.format(Locale.ROOT, "<line class=\"grid\" x1=\"%d\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>", LEFT, y,
                        LEFT + PLOT_W, y));
            }
            s.append(String.format(Locale.ROOT, "<text class=\"lbl ticky\" x=\"%d\" y=\"%.1f\">%s</text>", LEFT - 5, y + 3.5,
                    t.label(v)));
        }
        s.append(String.format(Locale.ROOT, "<line class=\"axis\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>", LEFT, TOP, LEFT, H - BOTTOM));
        s.append(String.format(Locale.ROOT, "<line class=\"axis\" x1=\"%d\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\"/>", LEFT, H - BOTTOM,
                LEFT + PLOT_W, H - BOTTOM));
        int mid = (TOP + H - BOTTOM) / 2;
        s.append(String.format(Locale.ROOT, "<text class=\"lbl ytitle\" x=\"12\" y=\"%d\" transform=\"rotate(-90 12 %d)\">%s</text>",
                mid, mid, Html.esc(fit(yLabel, PLOT_H))));
        return t.top();
    }

    private static void xTitle(StringBuilder s, String xLabel) {
        if (!xLabel.isEmpty()) {
            s.append(String.format(Locale.ROOT, "<text class=\"lbl xtitle\" x=\"%.1f\" y=\"%d\">%s</text>", LEFT + PLOT_W / 2, H - 6,
                    Html.esc(fit(xLabel, PLOT_W))));
        }
    }

    private static String format(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.1f", v);
    }

    /** {@code s}, shortened with an ellipsis to what {@code px} pixels hold at the label size. */
    static String fit(String s, double px) {
        int max = Math.max(2, (int) (px / CHAR_W));
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
