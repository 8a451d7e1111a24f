package dev.stepwise.iteration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ConjectureSettingsTest {

    @Test
    void theBandKeepsTheBarelyProvable() {
        // STP's default: proved at least once, at a rate of at most 0.25 (with 4 attempts: once)
        ConjectureSettings s = new ConjectureSettings(4, 64, 4, 0.35, 0, 0.25);
        assertEquals(ConjectureVerdict.UNPROVABLE, s.judge(0, 4));
        assertEquals(ConjectureVerdict.KEPT, s.judge(1, 4));
        assertEquals(ConjectureVerdict.TOO_EASY, s.judge(2, 4));
        assertEquals(ConjectureVerdict.TOO_EASY, s.judge(4, 4));
        ConjectureSettings narrow = new ConjectureSettings(4, 64, 8, 0.35, 0.25, 0.5);
        assertEquals(ConjectureVerdict.TOO_HARD, narrow.judge(1, 8));
        assertEquals(ConjectureVerdict.KEPT, narrow.judge(2, 8));
        assertEquals(ConjectureVerdict.KEPT, narrow.judge(4, 8));
    }

    @Test
    void aBandOutOfOrderIsRefusedByName() {
        var e = assertThrows(IllegalArgumentException.class, () -> new ConjectureSettings(4, 64, 4, 0.35, 0.5, 0.25));
        assertEquals("iterate.conjecture-band must be LOW,HIGH with 0 <= LOW <= HIGH <= 1, got 0.5,0.25", e.getMessage());
    }
}
