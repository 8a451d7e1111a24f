package dev.stepwise.prover.store;

import dev.stepwise.prover.problems.Problem;
import dev.stepwise.search.AcceptanceVerdict;
import dev.stepwise.search.FailureReason;
import dev.stepwise.search.Proof;
import dev.stepwise.search.ProofStep;
import dev.stepwise.search.SearchOutcome;
import dev.stepwise.search.EdgeKind;
import dev.stepwise.search.EdgeRecord;
import dev.stepwise.search.NodeRecord;
import dev.stepwise.search.RecordedTree;
import dev.stepwise.search.Status;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Hand-made records for store tests. */
public final class Samples {
    public static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
    public static final Versions VERSIONS = new Versions("0.1.0", "v4.19.0", "v4.19.0", "sim/step-prover-7b");

    private Samples() {
    }

    public static NewRun run(String name) {
        return new NewRun(name, RunKind.EVAL, "minif2f-test", null, "{\"budget\":\"1x8x100\"}", VERSIONS,
                List.of(1L, 2L), Simulation.SIMULATED, T0);
    }

    static Problem problem(String name) {
        return new Problem(name, "test", "import Mathlib\nopen Nat\n", "theorem " + name + " : 1 + 1 = 2 := by",
                "One plus one is two.", "minif2f-test.jsonl:" + name);
    }

    public static List<Problem> problems(int n) {
        List<Problem> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(problem(String.format("p%04d", i)));
        }
        return out;
    }

    /**
     * A chain-shaped tree of {@code nodes} nodes: node i+1 comes from node i by progress, and
     * every node also has a failed sibling edge; the last node is closed by a proof-complete edge.
     * Goal texts are prefixed with {@code goalPrefix} so trees can share goals or not.
     */
    static RecordedTree tree(int nodes, String goalPrefix) {
        List<NodeRecord> ns = new ArrayList<>();
        List<EdgeRecord> es = new ArrayList<>();
        for (int i = 0; i < nodes; i++) {
            ns.add(new NodeRecord(i, goalPrefix + "⊢ goal " + i + " : x + " + i + " = " + i + " + x", 1, Status.PROVED, i,
                    i == 0 ? 0.0 : -0.1 * i, nodes - i, i, 1_000));
            es.add(new EdgeRecord(i, EdgeRecord.NO_NODE, "simp_all [h" + i + "]", -1.5, 6, -0.25, EdgeKind.LEAN_ERROR,
                    "simp made no progress", 12_345));
            if (i + 1 < nodes) {
                es.add(new EdgeRecord(i, i + 1, "rw [Nat.add_comm]", -0.5, 5, -0.1, EdgeKind.PROGRESS, "", 3_000));
            } else {
                es.add(new EdgeRecord(i, EdgeRecord.NO_NODE, "omega", -0.2, 2, -0.1, EdgeKind.PROOF_COMPLETE, "", 40_000));
            }
        }
        return new RecordedTree(ns, es);
    }

    static final AcceptanceVerdict.Accepted ACCEPTED = new AcceptanceVerdict.Accepted(List.of(),
            List.of("propext", "Classical.choice", "Quot.sound"), Duration.ofMillis(850));

    /** A proof of {@code length} steps, as the search returns it with the gate's verdict. */
    public static SearchOutcome.Proved proved(int length) {
        List<ProofStep> steps = new ArrayList<>();
        for (int i = 0; i + 1 < length; i++) {
            steps.add(new ProofStep("⊢ goal " + i, "rw [Nat.add_comm]"));
        }
        steps.add(new ProofStep("⊢ goal " + (length - 1), "omega"));
        return new SearchOutcome.Proved(new Proof(steps), ACCEPTED);
    }

    /** That proof as the store reads it back. */
    public static ProofRecord proof(int length) {
        Proof p = proved(length).proof();
        return new ProofRecord(p.tactics(), p.script(), ACCEPTED);
    }

    public static NewAttempt provedAttempt(RunId run, String problem, int index, int treeSize, String goalPrefix) {
        return new NewAttempt(run, problem, index, 1000L + index, 0.5, proved(treeSize),
                new SearchCounts(treeSize, 2 * treeSize, 40L * treeSize),
                new SearchTimings(Duration.ofMillis(5_000), Duration.ofMillis(3_000), Duration.ofMillis(1_500)),
                T0.plusSeconds(1), T0.plusSeconds(6), tree(treeSize, goalPrefix));
    }

    public static NewAttempt failedAttempt(RunId run, String problem, int index) {
        return new NewAttempt(run, problem, index, 7L, 1.0,
                new SearchOutcome.Failed(FailureReason.BUDGET_EXPANSIONS, "100 expansions"),
                new SearchCounts(100, 800, 12_000),
                new SearchTimings(Duration.ofMillis(60_000), Duration.ofMillis(40_000), Duration.ofMillis(19_000)),
                T0, T0.plusSeconds(60), tree(3, "failed "));
    }
}
