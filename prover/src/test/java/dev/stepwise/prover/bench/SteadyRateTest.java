package dev.stepwise.prover.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SteadyRateTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private static SteadyRate.Span span(double from, double to, long work) {
        return new SteadyRate.Span(T0.plusMillis((long) (from * 1000)), T0.plusMillis((long) (to * 1000)), work);
    }

    @Test
    void theWindowRunsFromAllSlotsBusyToTheLastClaim() {
        // Two slots: the second worker starts at 4 s, the last claim is at 14 s, the drain ends at 20 s.
        List<SteadyRate.Span> spans = List.of(span(0, 10, 10), span(4, 14, 10), span(10, 20, 10), span(14, 20, 6));
        SteadyRate rate = SteadyRate.of(spans, 2);
        assertTrue(rate.steady());
        assertEquals(Duration.ofSeconds(10), rate.window());
        // Inside [4, 14]: 6 of the first span's 10 s, all of the second, 4 of the third's 10 s, none of the last.
        assertEquals((6 + 10 + 4) / 10.0, rate.workPerSecond(), 1e-9);
        assertEquals((0.6 + 1 + 0.4) / 10.0, rate.problemsPerSecond(), 1e-9);
    }

    @Test
    void aSlotHandedStraightOnIsNotTwoSlots() {
        // One slot at a time: the second problem is claimed the instant the first finishes, so two slots are never busy.
        SteadyRate rate = SteadyRate.of(List.of(span(0, 5, 5), span(5, 10, 5)), 2);
        assertFalse(rate.steady());
        assertEquals(Duration.ofSeconds(10), rate.window());
        assertEquals(1.0, rate.workPerSecond(), 1e-9);
    }

    @Test
    void aRunTooSmallForASteadyPartIsMeasuredWhole() {
        SteadyRate rate = SteadyRate.of(List.of(span(0, 4, 8), span(1, 4, 4)), 2);
        // Both slots are busy first at 1 s, which is the last claim: no steady part.
        assertFalse(rate.steady());
        assertEquals(3.0, rate.workPerSecond(), 1e-9);
    }
}
