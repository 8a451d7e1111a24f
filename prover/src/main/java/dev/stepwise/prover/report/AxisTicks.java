package dev.stepwise.prover.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Tick marks a reader can count along: steps of 1, 2 or 5 times a power of ten, the axis ending
 * on a tick at or above the largest value, and whole steps only for counts (a count axis that
 * reads 13.8 says nothing).
 */
record AxisTicks(double step, double top) {

    /** Ticks from 0 covering {@code max} in about {@code target} steps; at least one step of 1 when {@code integer}. */
    static AxisTicks covering(double max, int target, boolean integer) {
        double span = max > 0 && Double.isFinite(max) ? max : 1;
        double raw = span / Math.max(1, target);
        double power = Math.pow(10, Math.floor(Math.log10(raw)));
        double step = power * 10;
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * power >= raw - 1e-12) {
                step = m * power;
                break;
            }
        }
        if (integer) {
            step = Math.max(1, Math.round(step));
        }
        double top = step * Math.ceil(span / step - 1e-9);
        return new AxisTicks(step, top);
    }

    /** The tick values from 0 to {@link #top()} inclusive. */
    List<Double> values() {
        List<Double> out = new ArrayList<>();
        long n = Math.round(top / step);
        for (long i = 0; i <= n; i++) {
            out.add(i * step);
        }
        return out;
    }

    /** A tick's label: no trailing ".0", and as many decimals as the step needs. */
    String label(double v) {
        if (step >= 1 || v == Math.rint(v)) {
            return String.valueOf(Math.round(v));
        }
        int decimals = (int) Math.ceil(-Math.log10(step) - 1e-9);
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }
}
