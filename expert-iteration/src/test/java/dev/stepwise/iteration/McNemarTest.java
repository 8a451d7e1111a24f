package dev.stepwise.iteration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class McNemarTest {

    @Test
    void matchesTheExactBinomialValuesWorkedByHand() {
        // 2 * (1/2)^6
        assertEquals(0.03125, McNemar.pValue(0, 6));
        assertEquals(0.0625, McNemar.pValue(5, 0));
        // 2 * (C(10,0) + C(10,1)) / 2^10 = 22/1024
        assertEquals(0.021484375, McNemar.pValue(1, 9));
        // 2 * (1 + 9) / 2^9 = 20/512
        assertEquals(0.0390625, McNemar.pValue(8, 1));
        // 2 * (1 + 8) / 2^8 = 18/256
        assertEquals(0.0703125, McNemar.pValue(7, 1));
        // 2 * (1 + 20 + 190 + 1140 + 4845 + 15504) / 2^20 = 43400/1048576
        assertEquals(43400 / 1048576.0, McNemar.pValue(15, 5), 1e-15);
    }

    @Test
    void isOneWhenTheDiscordantPairsSplitEvenlyOrThereAreNone() {
        assertEquals(1.0, McNemar.pValue(0, 0));
        assertEquals(1.0, McNemar.pValue(3, 3));
        assertEquals(1.0, McNemar.pValue(1000, 1000));
        // One discordant pair says nothing either: 2 * 1/2.
        assertEquals(1.0, McNemar.pValue(1, 0));
    }

    @Test
    void isSymmetricAndAgreesWithALogSpaceSumForThousandsOfPairs() {
        for (int[] bc : new int[][] {{2, 11}, {40, 70}, {480, 520}, {900, 1100}, {1450, 1550}, {10, 3000}}) {
            double p = McNemar.pValue(bc[0], bc[1]);
            assertEquals(p, McNemar.pValue(bc[1], bc[0]));
            double expected = logSpace(bc[0], bc[1]);
            assertEquals(expected, p, Math.max(1e-12, 1e-9 * expected), bc[0] + " " + bc[1]);
            assertTrue(p > 0 || expected < 1e-300, bc[0] + " " + bc[1]);
        }
    }

    /** An independent reckoning: log C(n, i) from sums of logs, added with the log-sum-exp trick. */
    private static double logSpace(int b, int c) {
        int n = b + c;
        int k = Math.min(b, c);
        double[] logFactorial = new double[n + 1];
        for (int i = 1; i <= n; i++) {
            logFactorial[i] = logFactorial[i - 1] + Math.log(i);
        }
        double max = Double.NEGATIVE_INFINITY;
        double[] terms = new double[k + 1];
        for (int i = 0; i <= k; i++) {
            terms[i] = logFactorial[n] - logFactorial[i] - logFactorial[n - i] - (n - 1) * Math.log(2);
            max = Math.max(max, terms[i]);
        }
        double sum = 0;
        for (double t : terms) {
            sum += Math.exp(t - max);
        }
        return Math.min(1.0, Math.exp(max + Math.log(sum)));
    }

    @Test
    void refusesNegativeCounts() {
        assertThrows(IllegalArgumentException.class, () -> McNemar.pValue(-1, 3));
    }
}
