package dev.stepwise.prover.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

/** The benchmark runs end to end on tiny inputs; its figure is printed, never asserted here. */
class PolicyBenchmarkTest {
    @Test
    void quickRunReportsTheThroughputRatioAgainstTheSimulatedServer() {
        StringWriter text = new StringWriter();
        List<BenchFigure> figures = new PolicyBenchmark(new OkHttpClient(), 4, Duration.ofMillis(20), 2, 2)
                .run(new PrintWriter(text));
        assertEquals(1, figures.size());
        BenchFigure f = figures.get(0);
        assertEquals("policy", f.bench());
        assertEquals("throughput_ratio", f.figure());
        assertEquals(">= 0.9", f.target().text());
        assertTrue(Double.isFinite(f.value()) && f.value() > 0, "ratio: " + f.value());
        assertTrue(text.toString().contains("samples returned                   16"), text.toString());
        assertTrue(text.toString().contains("simulated model server"), text.toString());
    }
}
