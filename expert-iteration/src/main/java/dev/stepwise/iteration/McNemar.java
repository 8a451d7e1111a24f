package dev.stepwise.iteration;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.Locale;

/**
 * The exact McNemar test: two models tried on the same problems differ only where one solved a
 * problem and the other did not; under "neither is better" each such discordant problem is a fair
 * coin, so the count won by one side is Binomial(b + c, 1/2). The p-value is two-sided.
 */
public final class McNemar {
    private McNemar() {
    }

    /**
     * The two-sided exact p-value, {@code min(1, 2 P(X <= min(b, c)))} with {@code X ~ Bin(b + c, 1/2)}.
     * Summed in exact integers (binomial coefficients of b + c) and divided once by {@code 2^(b+c-1)}:
     * doubles would overflow {@code C(n, k)} beyond n of about a thousand and lose the small tail terms,
     * and integers cost nothing at the sizes of a held-out split (thousands of statements).
     *
     * @param b problems only the first model solved
     * @param c problems only the second model solved
     */
    public static double pValue(int b, int c) {
        if (b < 0 || c < 0) {
            throw new IllegalArgumentException("discordant counts must be >= 0, got b=" + b + ", c=" + c);
        }
        int n = b + c;
        int k = Math.min(b, c);
        if (2 * k >= n) {
            // b == c (n = 0 included): the observed split is the most likely one, and the test says nothing.
            return 1.0;
        }
        BigInteger term = BigInteger.ONE;
        BigInteger tail = BigInteger.ONE;
        for (int i = 0; i < k; i++) {
            term = term.multiply(BigInteger.valueOf(n - i)).divide(BigInteger.valueOf(i + 1));
            tail = tail.add(term);
        }
        BigDecimal p = new BigDecimal(tail).divide(new BigDecimal(BigInteger.ONE.shiftLeft(n - 1)), MathContext.DECIMAL64);
        return Math.min(1.0, p.doubleValue());
    }

    /** A p-value (or a confidence) as people read it: up to four decimals, or two significant digits when smaller. */
    public static String format(double x) {
        if (x != 0 && x < 1e-4) {
            return String.format(Locale.ROOT, "%.2e", x);
        }
        return new BigDecimal(String.format(Locale.ROOT, "%.4f", x)).stripTrailingZeros().toPlainString();
    }
}
