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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * A made-up simulated run of the size a newcomer's first eval has, for the browser checks and the
 * README's screenshots: fourteen problems over six families, times up to 130.8 s, long verdicts,
 * and bushy search trees with a proof four tactics deep. Nothing here came from a real search.
 */
final class DemoFixtures {
    static final String TREE_PROBLEM = "mathd_algebra_478";

    private static final List<String> TACTICS = List.of("nlinarith [sq_nonneg (a - b), sq_nonneg (a + b)]", "simp", "ring_nf",
            "positivity", "intro h", "norm_num", "field_simp", "rw [mul_comm]", "omega", "linarith", "constructor",
            "apply mul_pos", "exact h₀", "induction n with\n  | zero => simp\n  | succ k ih => simp [ih]");

    private DemoFixtures() {
    }

    static ReportData run() {
        RunInfo info = new RunInfo("eval-minif2f-test-20261203-0806", "minif2f-test", new Budget(1, 8, 50), List.of(0.0),
                1.0, "simulated model (world seed 1)", "simulated", "simulated", true);
        List<ReportData.ProblemPage> pages = new ArrayList<>();
        Object[][] rows = {
                {TREE_PROBLEM, "mathd algebra", 4, 37, 0.8},
                {"mathd_algebra_10", "mathd algebra", 1, 3, 2.3},
                {"mathd_algebra_141", "mathd algebra", 2, 12, 4.1},
                {"mathd_numbertheory_3", "mathd number theory", 1, 5, 7.5},
                {"mathd_numbertheory_149", "mathd number theory", 3, 48, 12.0},
                {"mathd_numbertheory_299", "mathd number theory", 0, 50, 18.4},
                {"amc12a_2019_p21", "amc", 2, 44, 25.0},
                {"amc12b_2002_p19", "amc", 0, 50, 33.3},
                {"aime_1983_p1", "aime", 5, 50, 41.7},
                {"aime_1984_p5", "aime", 0, 50, 58.2},
                {"imo_1959_p1", "imo", 3, 29, 77.0},
                {"imo_1964_p1_2", "imo", -1, 6, 96.4},
                {"induction_12dvd4expnp1p20", "induction", 0, 50, 130.8},
                {"induction_sum_odd", "induction", 2, 21, 9.9}};
        for (int i = 0; i < rows.length; i++) {
            Object[] r = rows[i];
            String name = (String) r[0];
            int steps = (Integer) r[2];
            long expansions = (Integer) r[3];
            Duration time = Duration.ofMillis(Math.round((Double) r[4] * 1000));
            ProblemResult.Outcome outcome = steps > 0 ? ProblemResult.Outcome.PROVED
                    : steps == 0 ? ProblemResult.Outcome.UNPROVED : ProblemResult.Outcome.FAILED;
            List<String> proof = new ArrayList<>();
            for (int k = 0; k < steps; k++) {
                proof.add(TACTICS.get((i + 3 * k) % TACTICS.size()));
            }
            String verdict = switch (outcome) {
                case PROVED -> "accepted by the gate; axioms: propext, Classical.choice, Quot.sound";
                case UNPROVED -> "budget spent: 50 expansions, no proof found within the search limits";
                case STATEMENT_ERROR -> "the statement does not elaborate";
                case FAILED -> "error (retried on resume): Lean unavailable: the REPL process exited with status 137 while "
                        + "elaborating the header";
            };
            ProblemResult result = new ProblemResult(name, (String) r[1], outcome, proof, 1, expansions, expansions * 6,
                    expansions * 180, time, verdict);
            RecordedTree tree = name.equals(TREE_PROBLEM) ? bushy(46, 4, 7) : outcome == ProblemResult.Outcome.FAILED
                    ? RecordedTree.empty() : bushy(Math.max(2, (int) expansions / 2), steps, i);
            pages.add(new ReportData.ProblemPage("import Mathlib\nimport Aesop\n\nset_option maxHeartbeats 400000\n\n",
                    "theorem " + name + " (a b : ℝ) (h₀ : 0 < a ∧ 0 < b) (h₁ : a * b = 1) : a ^ 2 + b ^ 2 ≥ 2 := by", result, tree));
        }
        return new ReportData(info, pages);
    }

    /**
     * A search tree of {@code size} states grown breadth-first with a seeded random number of
     * tactics per state (some failing), one DAG merge, and, when {@code proofDepth > 0}, a proof
     * through the first state that deep.
     */
    static RecordedTree bushy(int size, int proofDepth, long seed) {
        Random rnd = new Random(seed);
        List<int[]> made = new ArrayList<>(); // {parent, depth}
        List<EdgeRecord> edges = new ArrayList<>();
        made.add(new int[] {-1, 0});
        for (int at = 0; at < made.size() && made.size() < size; at++) {
            int children = 1 + rnd.nextInt(at == 0 ? 4 : 3);
            for (int c = 0; c < children && made.size() < size; c++) {
                edges.add(new EdgeRecord(at, made.size(), tactic(rnd), -0.2 - rnd.nextDouble() * 3, 4, -0.2 - rnd.nextDouble(),
                        EdgeKind.PROGRESS, "", 20_000));
                made.add(new int[] {at, made.get(at)[1] + 1});
            }
            for (int f = rnd.nextInt(3); f > 0; f--) {
                boolean timeout = rnd.nextInt(4) == 0;
                edges.add(new EdgeRecord(at, EdgeRecord.NO_NODE, tactic(rnd), -1 - rnd.nextDouble() * 3, 4, -2,
                        timeout ? EdgeKind.TIMEOUT : EdgeKind.LEAN_ERROR, timeout ? "timeout after 10 s" : "linarith failed", 20_000));
            }
        }
        int n = made.size();
        int[] distance = new int[n];
        Arrays.fill(distance, NodeRecord.UNPROVED);
        int last = -1;
        for (int i = 0; i < n && proofDepth > 0; i++) {
            if (made.get(i)[1] == Math.min(proofDepth - 1, made.getLast()[1])) {
                last = i;
                break;
            }
        }
        if (last >= 0) {
            edges.add(new EdgeRecord(last, EdgeRecord.NO_NODE, "positivity", -0.1, 3, -0.1, EdgeKind.PROOF_COMPLETE, "", 20_000));
            for (int at = last, d = 1; at >= 0; at = made.get(at)[0], d++) {
                distance[at] = d;
            }
        }
        if (n > 6) {
            // A state reached a second way: a DAG merge, drawn dashed.
            edges.add(new EdgeRecord(n - 2, made.get(n - 1)[0], "simp only [h₀]", -2.5, 4, -2.5,
                    EdgeKind.PROGRESS, "", 20_000));
        }
        List<NodeRecord> nodes = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Status status = distance[i] != NodeRecord.UNPROVED ? Status.PROVED : rnd.nextInt(5) == 0 ? Status.FAILED : Status.OPEN;
            nodes.add(new NodeRecord(i, "a b : ℝ\nh₀ : 0 < a ∧ 0 < b\n⊢ goal " + i, 1, status, made.get(i)[1], -rnd.nextDouble(),
                    distance[i], i, 1000));
        }
        return new RecordedTree(nodes, edges);
    }

    private static String tactic(Random rnd) {
        return TACTICS.get(rnd.nextInt(TACTICS.size()));
    }
}
