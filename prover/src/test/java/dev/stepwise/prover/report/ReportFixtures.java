package dev.stepwise.prover.report;

import dev.stepwise.prover.eval.Budget;
import dev.stepwise.prover.eval.ProblemResult;
import dev.stepwise.prover.eval.RunInfo;
import java.time.Duration;
import java.util.List;

/** A small hand-made run: a proof through a DAG merge, an unproved problem and a failed one. */
final class ReportFixtures {
    private ReportFixtures() {
    }

    static ReportData run() {
        RunInfo info = new RunInfo("run-1", "examples", new Budget(2, 4, 50), List.of(0.0, 1.0), 1.1,
                "simulated-model", "v4.24.0", "v4.24.0", true);
        ReportData.Tree tree = new ReportData.Tree(
                List.of(new ReportData.Node(0, "x : ℝ\nh₀ : 0 < x\n⊢ 0 < x ^ 2", "proved"),
                        new ReportData.Node(1, "x : ℝ\nh₀ : 0 < x\n⊢ 0 < x * x", "proved"),
                        new ReportData.Node(2, "x : ℝ\n⊢ x ≠ 0 → 0 < x * x", "open")),
                List.of(new ReportData.Edge(0, 1, "rw [sq]", -0.2, "progress", "", true),
                        new ReportData.Edge(0, -1, "exact foo", -1.5, "lean_error", "unknown identifier 'foo'", false),
                        new ReportData.Edge(0, 2, "revert h₀", -2.0, "progress", "", false),
                        new ReportData.Edge(2, 1, "intro h <;> skip", -3.0, "progress", "", false),
                        new ReportData.Edge(1, -1, "positivity", -0.1, "proof_complete", "", true)));
        ProblemResult proved = new ProblemResult("sq_pos_example", "sq", ProblemResult.Outcome.PROVED,
                List.of("rw [sq]", "positivity"), 1, 2, 5, 120, Duration.ofMillis(1500), "accepted; axioms: propext");
        ProblemResult unproved = new ProblemResult("mathd_algebra_1", "mathd algebra", ProblemResult.Outcome.UNPROVED,
                List.of(), 2, 50, 200, 4000, Duration.ofSeconds(12), "budget: expansions");
        ProblemResult failed = new ProblemResult("amc12a_2019_p1", "amc", ProblemResult.Outcome.FAILED,
                List.of(), 1, 3, 4, 10, Duration.ofSeconds(2), "model server unavailable <retry>");
        return new ReportData(info, List.of(
                new ReportData.ProblemPage("import Mathlib\n\n", "theorem sq_pos_example (x : ℝ) (h₀ : 0 < x) : 0 < x ^ 2 := by", proved, tree),
                new ReportData.ProblemPage("import Mathlib\n\n", "theorem mathd_algebra_1 : True := by", unproved, ReportData.Tree.empty()),
                new ReportData.ProblemPage("import Mathlib\n\n", "theorem amc12a_2019_p1 : True := by", failed, ReportData.Tree.empty())));
    }
}
