package dev.stepwise.prover.eval;

import dev.stepwise.prover.problems.Problem;
import dev.stepwise.prover.store.NewAttempt;
import dev.stepwise.prover.store.NewRun;
import dev.stepwise.prover.store.ProblemStatus;
import dev.stepwise.prover.store.Run;
import dev.stepwise.prover.store.RunKind;
import dev.stepwise.prover.store.RunStatus;
import dev.stepwise.prover.store.SearchCounts;
import dev.stepwise.prover.store.SearchTimings;
import dev.stepwise.prover.store.Simulation;
import dev.stepwise.prover.store.Store;
import dev.stepwise.prover.store.Versions;
import dev.stepwise.search.AcceptanceVerdict;
import dev.stepwise.search.AttemptMode;
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
import java.util.List;
import java.util.Map;

/** Writes a finished two-problem run into a store, as an eval would. */
public final class StoredRunFixture {
    private StoredRunFixture() {
    }

    public static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");

    public static Run write(Store store, String name) {
        return write(store, name, Map.of("store.path", "x.db"));
    }

    /** The same run, recorded with {@code settings} (e.g. a whole-proof run's search.mode). */
    public static Run write(Store store, String name, Map<String, String> settings) {
        EvalConfig config = new EvalConfig("examples", List.of("easy", "mathd_algebra_1"), new Budget(2, 4, 50),
                List.of(0.0, 1.0), 1.1, "mean", 7, 600, settings);
        Run run = store.runs().create(new NewRun(name, RunKind.EVAL, "examples", null, config.toJson(),
                new Versions("0.1.0", "v4.24.0", "v4.24.0", "sim-model"), List.of(7L), Simulation.SIMULATED, T0));
        Problem easy = new Problem("easy", "test", "import Mathlib\n", "theorem easy : 1 + 1 = 2 := by", "one and one", "t");
        Problem hard = new Problem("mathd_algebra_1", "test", "import Mathlib\n", "theorem mathd_algebra_1 : False := by", "", "t");
        store.problems().add(run.id(), List.of(easy, hard));
        // A whole-proof run's attempts each sampled two proofs and revised one of them.
        boolean whole = "whole-proof".equals(settings.get("search.mode"));
        AttemptMode mode = whole ? AttemptMode.WHOLE_PROOF : AttemptMode.STEP;
        int samples = whole ? 2 : 0;
        int revisions = whole ? 1 : 0;

        store.problems().start(run.id(), "easy", T0);
        RecordedTree tree = new RecordedTree(
                List.of(new NodeRecord(0, "⊢ 1 + 1 = 2", 1, Status.PROVED, 0, 0.0, 1, 0, 0)),
                List.of(new EdgeRecord(0, EdgeRecord.NO_NODE, "rfl", -2.0, 1, -2.0, EdgeKind.LEAN_ERROR, "The rfl tactic failed", 5_000),
                        new EdgeRecord(0, EdgeRecord.NO_NODE, "norm_num", -0.5, 2, -0.25, EdgeKind.PROOF_COMPLETE, "", 7_000)));
        var accepted = new AcceptanceVerdict.Accepted(List.of(), List.of("propext"), Duration.ofMillis(30));
        store.attempts().record(new NewAttempt(run.id(), "easy", 0, 7, 0.0,
                new SearchOutcome.Proved(new Proof(List.of(new ProofStep("⊢ 1 + 1 = 2", "norm_num"))), accepted),
                new SearchCounts(1, 2, 40), new SearchTimings(Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofMillis(12)),
                T0, T0.plusSeconds(2), tree, mode, samples, revisions));
        store.problems().finish(run.id(), "easy", ProblemStatus.PROVED, T0.plusSeconds(2));

        store.problems().start(run.id(), "mathd_algebra_1", T0);
        for (int i = 0; i < 2; i++) {
            store.attempts().record(new NewAttempt(run.id(), "mathd_algebra_1", i, 7 + i, i,
                    new SearchOutcome.Failed(FailureReason.BUDGET_EXPANSIONS, ""),
                    new SearchCounts(50, 200, 4000), new SearchTimings(Duration.ofSeconds(5), Duration.ofSeconds(3), Duration.ofSeconds(2)),
                    T0, T0.plusSeconds(5), RecordedTree.empty(), mode, samples, revisions));
        }
        store.problems().finish(run.id(), "mathd_algebra_1", ProblemStatus.UNPROVED, T0.plusSeconds(6));
        store.runs().finish(run.id(), RunStatus.COMPLETED, T0.plusSeconds(6));
        return run;
    }
}
