package dev.stepwise.prover.report;

import dev.stepwise.prover.eval.Budget;
import dev.stepwise.prover.eval.ProblemResult;
import dev.stepwise.prover.eval.RunInfo;
import dev.stepwise.search.EdgeKind;
import dev.stepwise.search.EdgeRecord;
import dev.stepwise.search.NodeRecord;
import dev.stepwise.search.RecordedTree;
import dev.stepwise.search.Status;
import java.time.Duration;
import java.util.List;

/** A small hand-made run: a proof through a DAG merge, an unproved problem and a failed one. */
final class ReportFixtures {
    private ReportFixtures() {
    }

    static ReportData run() {
        RunInfo info = new RunInfo("run-1", "examples", new Budget(2, 4, 50), List.of(0.0, 1.0), 1.1,
                "simulated-model", "v4.24.0", "v4.24.0", true);
        // The proof path (rw [sq], positivity) is what the recorded distances lead along.
        RecordedTree tree = new RecordedTree(
                List.of(new NodeRecord(0, "x : ℝ\nh₀ : 0 < x\n⊢ 0 < x ^ 2", 1, Status.PROVED, 0, 0, 2, 0, 0),
                        new NodeRecord(1, "x : ℝ\nh₀ : 0 < x\n⊢ 0 < x * x", 1, Status.PROVED, 1, -0.2, 1, 1, 0),
                        new NodeRecord(2, "x : ℝ\n⊢ x ≠ 0 → 0 < x * x", 1, Status.OPEN, 1, -2.0, NodeRecord.UNPROVED, 2, 0)),
                List.of(new EdgeRecord(0, 1, "rw [sq]", -0.2, 1, -0.2, EdgeKind.PROGRESS, "", 0),
                        new EdgeRecord(0, EdgeRecord.NO_NODE, "exact foo", -1.5, 1, -1.5, EdgeKind.LEAN_ERROR,
                                "unknown identifier 'foo'", 0),
                        new EdgeRecord(0, 2, "revert h₀", -2.0, 1, -2.0, EdgeKind.PROGRESS, "", 0),
                        new EdgeRecord(2, 1, "intro h <;> skip", -3.0, 1, -3.0, EdgeKind.PROGRESS, "", 0),
                        new EdgeRecord(1, EdgeRecord.NO_NODE, "positivity", -0.1, 1, -0.1, EdgeKind.PROOF_COMPLETE, "", 0)));
        ProblemResult proved = new ProblemResult("sq_pos_example", "sq", ProblemResult.Outcome.PROVED,
                List.of("rw [sq]", "positivity"), 1, 2, 5, 120, Duration.ofMillis(1500), "accepted; axioms: propext");
        ProblemResult unproved = new ProblemResult("mathd_algebra_1", "mathd algebra", ProblemResult.Outcome.UNPROVED,
                List.of(), 2, 50, 200, 4000, Duration.ofSeconds(12), "budget: expansions");
        ProblemResult failed = new ProblemResult("amc12a_2019_p1", "amc", ProblemResult.Outcome.FAILED,
                List.of(), 1, 3, 4, 10, Duration.ofSeconds(2), "model server unavailable <retry>");
        return new ReportData(info, List.of(
                new ReportData.ProblemPage("import Mathlib\n\n", "theorem sq_pos_example (x : ℝ) (h₀ : 0 < x) : 0 < x ^ 2 := by", proved, tree),
                new ReportData.ProblemPage("import Mathlib\n\n", "theorem mathd_algebra_1 : True := by", unproved, RecordedTree.empty()),
                new ReportData.ProblemPage("import Mathlib\n\n", "theorem amc12a_2019_p1 : True := by", failed, RecordedTree.empty())));
    }
}
