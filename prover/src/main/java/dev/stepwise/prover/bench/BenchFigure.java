package dev.stepwise.prover.bench;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One measured figure of a benchmark and the target it is held to. Printed as the JSON line that
 * scripts and CI read: {@code {"bench": "search", "figure": "...", "value": 1.2, "target": "<= 2.0", "ok": true}}.
 */
public record BenchFigure(String bench, String figure, double value, Target target) {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");

    public BenchFigure {
        requireName("bench", bench);
        requireName("figure", figure);
        Objects.requireNonNull(target, "target");
    }

    private static void requireName(String what, String name) {
        Objects.requireNonNull(name, what);
        // Names go into JSON and shell greps unescaped, so they stay in this safe alphabet.
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(what + " name must match [a-z][a-z0-9_]*, got '" + name + "'");
        }
    }

    /** Whether the value meets the target; a value that is not a finite number never does. */
    public boolean ok() {
        return Double.isFinite(value) && target.metBy(value);
    }

    /** The value as printed: four significant digits, no exponent, {@code null} if not finite. */
    public String valueText() {
        if (!Double.isFinite(value)) {
            return "null";
        }
        if (value == 0) {
            return "0";
        }
        return BigDecimal.valueOf(value).round(new MathContext(4)).stripTrailingZeros().toPlainString();
    }

    public String toJsonLine() {
        return "{\"bench\": \"" + bench + "\", \"figure\": \"" + figure + "\", \"value\": " + valueText()
                + ", \"target\": \"" + target.text() + "\", \"ok\": " + ok() + "}";
    }

    /** A bound on a figure: at most or at least some number. */
    public record Target(Comparison comparison, double bound) {
        public Target {
            Objects.requireNonNull(comparison, "comparison");
            if (!Double.isFinite(bound)) {
                throw new IllegalArgumentException("target bound must be finite, got " + bound);
            }
        }

        public static Target atMost(double bound) {
            return new Target(Comparison.AT_MOST, bound);
        }

        public static Target atLeast(double bound) {
            return new Target(Comparison.AT_LEAST, bound);
        }

        boolean metBy(double value) {
            return switch (comparison) {
                case AT_MOST -> value <= bound;
                case AT_LEAST -> value >= bound;
            };
        }

        /** For example {@code "<= 2.0"}. */
        public String text() {
            return comparison.symbol() + " " + bound;
        }
    }

    public enum Comparison {
        AT_MOST("<="),
        AT_LEAST(">=");

        private final String symbol;

        Comparison(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }
    }
}
