package dev.stepwise.prover.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepwise.prover.bench.BenchFigure.Target;
import org.junit.jupiter.api.Test;

class BenchFigureTest {

    @Test
    void printsTheJsonLineOfTheDesign() {
        BenchFigure f = new BenchFigure("pool", "throughput_ratio", 0.94, Target.atLeast(0.9));
        assertEquals("{\"bench\": \"pool\", \"figure\": \"throughput_ratio\", \"value\": 0.94, \"target\": \">= 0.9\", \"ok\": true}",
                f.toJsonLine());
    }

    @Test
    void roundsToFourSignificantDigitsWithoutExponent() {
        assertEquals("1.235", new BenchFigure("search", "x", 1.23456, Target.atMost(2)).valueText());
        assertEquals("184", new BenchFigure("search", "x", 184.0, Target.atMost(200)).valueText());
        assertEquals("0.00001235", new BenchFigure("search", "x", 1.2345e-5, Target.atMost(2)).valueText());
        assertEquals("1235000", new BenchFigure("search", "x", 1234567, Target.atMost(2)).valueText());
    }

    @Test
    void okFollowsTheTargetAndNonFiniteValuesFail() {
        assertTrue(new BenchFigure("search", "x", 2.0, Target.atMost(2.0)).ok());
        assertFalse(new BenchFigure("search", "x", 2.01, Target.atMost(2.0)).ok());
        assertFalse(new BenchFigure("search", "x", 0.5, Target.atLeast(0.9)).ok());
        BenchFigure nan = new BenchFigure("search", "x", Double.NaN, Target.atMost(2.0));
        assertFalse(nan.ok());
        assertEquals("{\"bench\": \"search\", \"figure\": \"x\", \"value\": null, \"target\": \"<= 2.0\", \"ok\": false}",
                nan.toJsonLine());
    }

    @Test
    void rejectsNamesThatWouldNeedEscaping() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new BenchFigure("search", "per \"edge\"", 1, Target.atMost(2)));
        assertEquals("figure name must match [a-z][a-z0-9_]*, got 'per \"edge\"'", e.getMessage());
    }
}
