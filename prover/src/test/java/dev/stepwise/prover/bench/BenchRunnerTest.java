package dev.stepwise.prover.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.stepwise.prover.bench.BenchFigure.Target;
import dev.stepwise.prover.exit.ExitCode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class BenchRunnerTest {

    private static Benchmark fixed(String name, BenchFigure... figures) {
        return new Benchmark() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public List<BenchFigure> run(PrintWriter out) {
                out.println("table of " + name);
                return List.of(figures);
            }
        };
    }

    @Test
    void printsEachBenchmarkThenTheSummaryThenOneJsonLinePerFigure() {
        StringWriter text = new StringWriter();
        ExitCode code = new BenchRunner(new PrintWriter(text)).run(List.of(
                fixed("alpha", new BenchFigure("alpha", "speed", 1.5, Target.atMost(2))),
                fixed("beta", new BenchFigure("beta", "ratio", 0.95, Target.atLeast(0.9)))));
        assertEquals(ExitCode.OK, code);
        List<String> lines = text.toString().lines().toList();
        assertEquals(List.of(
                "== bench alpha",
                "table of alpha",
                "",
                "== bench beta",
                "table of beta",
                "",
                "bench  figure         value  target        ok",
                "alpha  speed            1.5  <= 2.0        yes",
                "beta   ratio           0.95  >= 0.9        yes",
                "{\"bench\": \"alpha\", \"figure\": \"speed\", \"value\": 1.5, \"target\": \"<= 2.0\", \"ok\": true}",
                "{\"bench\": \"beta\", \"figure\": \"ratio\", \"value\": 0.95, \"target\": \">= 0.9\", \"ok\": true}"),
                lines);
    }

    @Test
    void aMissedTargetMakesTheAnswerNo() {
        ExitCode code = new BenchRunner(new PrintWriter(new StringWriter())).run(List.of(
                fixed("alpha", new BenchFigure("alpha", "speed", 1.5, Target.atMost(2)),
                        new BenchFigure("alpha", "memory", 250, Target.atMost(200)))));
        assertEquals(ExitCode.NO, code);
    }
}
