package dev.stepwise.prover.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class AxisTicksTest {

    @Test
    void stepsAreOneTwoOrFiveTimesAPowerOfTen() {
        for (double max : new double[] {0.37, 1, 3, 6.9, 12, 13.8, 47, 100, 133, 999, 2048, 130.8}) {
            AxisTicks t = AxisTicks.covering(max, 5, false);
            double mantissa = t.step() / Math.pow(10, Math.floor(Math.log10(t.step())));
            assertTrue(List.of(1.0, 2.0, 5.0).stream().anyMatch(m -> Math.abs(m - mantissa) < 1e-9), max + " -> " + t);
            assertTrue(t.top() >= max && t.top() < max + t.step() + 1e-9, max + " -> " + t);
        }
    }

    @Test
    void countsGetWholeTicksEndingOnATickAboveTheTallest() {
        assertEquals(List.of("0", "5", "10", "15"), labels(AxisTicks.covering(13.8, 5, true)));
        assertEquals(List.of("0", "2", "4", "6", "8"), labels(AxisTicks.covering(6.9, 5, true)));
        assertEquals(List.of("0", "1", "2"), labels(AxisTicks.covering(1.08, 5, true)));
        assertEquals(List.of("0", "1"), labels(AxisTicks.covering(0.3, 5, true)));
    }

    @Test
    void percentagesAndFractionsReadAsPlainNumbers() {
        assertEquals(List.of("0", "20", "40", "60", "80", "100"), labels(AxisTicks.covering(100, 5, false)));
        assertEquals(List.of("0", "0.1", "0.2", "0.3", "0.4"), labels(AxisTicks.covering(0.37, 4, false)));
        assertEquals(List.of("0", "20", "40", "60", "80", "100", "120", "140"), labels(AxisTicks.covering(130.8, 8, false)));
    }

    private static List<String> labels(AxisTicks t) {
        return t.values().stream().map(t::label).toList();
    }
}
