package dev.stepwise.prover.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.stepwise.iteration.ExampleKind;
import dev.stepwise.iteration.Promotion;
import dev.stepwise.iteration.PromotionDecision;
import dev.stepwise.iteration.RoundStatus;
import dev.stepwise.iteration.Stage;
import dev.stepwise.iteration.StageRecord;
import dev.stepwise.prover.rounds.ExampleContent;
import dev.stepwise.prover.rounds.FilterDecision;
import dev.stepwise.prover.rounds.FilterResult;
import dev.stepwise.prover.rounds.FilterVerdict;
import dev.stepwise.prover.rounds.NewExample;
import dev.stepwise.prover.rounds.NewRound;
import dev.stepwise.prover.rounds.Round;
import dev.stepwise.prover.rounds.RoundRepository;
import dev.stepwise.prover.rounds.TrainingExample;
import dev.stepwise.prover.rounds.TrainingExampleRepository;
import dev.stepwise.search.AcceptanceVerdict;
import dev.stepwise.search.FailureReason;
import dev.stepwise.search.Proof;
import dev.stepwise.search.ProofStep;
import dev.stepwise.search.SearchOutcome;
import dev.stepwise.search.AttemptMode;
import dev.stepwise.search.EdgeKind;
import dev.stepwise.search.EdgeRecord;
import dev.stepwise.search.NodeRecord;
import dev.stepwise.search.RecordedTree;
import dev.stepwise.search.Status;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every value of every stored enum passes the schema's CHECK constraints and reads back as itself. */
class EnumCodesMatchSchemaTest {
    @TempDir
    Path dir;

    @Test
    void everyEnumValueRoundTrips() {
        try (Store store = Store.open(dir.resolve("s.db"), Duration.ofSeconds(5))) {
            Round round = new RoundRepository(store).start(new NewRound(1, "pool", "{}", "base", Samples.T0));
            for (Stage stage : Stage.values()) {
                new RoundRepository(store).beginStage(round.id(), stage, Samples.T0);
            }
            assertEquals(Arrays.asList(Stage.values()),
                    new RoundRepository(store).stages(round.id()).stream().map(StageRecord::stage).toList());
            for (RunKind kind : RunKind.values()) {
                Run run = store.runs().create(new NewRun("run-" + kind.code(), kind, "pool",
                        kind.partOfRound() ? round.id() : null, "{}", Samples.VERSIONS, List.of(), Simulation.REAL, Samples.T0));
                assertEquals(kind, run.kind());
            }
            RunId run = store.runs().findByName("run-eval").orElseThrow().id();
            store.problems().add(run, Samples.problems(1));

            // The search's own statuses and edge kinds, stored through the store's code tables.
            List<NodeRecord> nodes = new ArrayList<>();
            for (Status status : Status.values()) {
                nodes.add(new NodeRecord(nodes.size(), "⊢ " + status, 1, status, 0, 0,
                        status == Status.PROVED ? 1 : NodeRecord.UNPROVED, NodeRecord.NOT_EXPANDED, 0));
            }
            List<EdgeRecord> edges = new ArrayList<>();
            for (EdgeKind kind : EdgeKind.values()) {
                edges.add(new EdgeRecord(0, kind == EdgeKind.PROGRESS ? 1 : EdgeRecord.NO_NODE, "t", -1, 1, -1, kind, "", 0));
            }
            RecordedTree tree = new RecordedTree(nodes, edges);
            int index = 0;
            for (FailureReason reason : FailureReason.values()) {
                SearchOutcome.Failed failure = new SearchOutcome.Failed(reason, "");
                NewAttempt a = new NewAttempt(run, "p0000", index++, 1, 0, failure,
                        new SearchCounts(0, 0, 0), new SearchTimings(Duration.ZERO, Duration.ZERO, Duration.ZERO),
                        Samples.T0, Samples.T0, tree);
                long id = store.attempts().record(a);
                // Lean's faults were always stored as a failure of the environment: the code cannot tell them apart.
                SearchOutcome.Failed expected = reason == FailureReason.LEAN_FAULTS
                        ? new SearchOutcome.Failed(FailureReason.ENVIRONMENT_FAILURE, "") : failure;
                assertEquals(Optional.of(expected), store.attempts().find(id).orElseThrow().failure());
                assertEquals(tree, store.attempts().tree(id));
            }
            {
                AcceptanceVerdict.Accepted accepted = new AcceptanceVerdict.Accepted(List.of("note"), List.of("propext"),
                        Duration.ofMillis(3));
                long id = store.attempts().record(new NewAttempt(run, "p0000", index++, 1, 0,
                        new SearchOutcome.Proved(new Proof(List.of(new ProofStep("⊢ True", "rfl"))), accepted),
                        new SearchCounts(0, 0, 0),
                        new SearchTimings(Duration.ZERO, Duration.ZERO, Duration.ZERO), Samples.T0, Samples.T0, tree));
                assertEquals(Optional.of(new ProofRecord(List.of("rfl"), "rfl", accepted)),
                        store.attempts().find(id).orElseThrow().proof());
            }
            for (AttemptMode mode : AttemptMode.values()) {
                long id = store.attempts().record(new NewAttempt(run, "p0000", index++, 1, 0,
                        new SearchOutcome.Failed(FailureReason.FRONTIER_EXHAUSTED, ""), new SearchCounts(0, 0, 0),
                        new SearchTimings(Duration.ZERO, Duration.ZERO, Duration.ZERO), Samples.T0, Samples.T0, tree, mode, 3));
                Attempt stored = store.attempts().find(id).orElseThrow();
                assertEquals(mode, stored.mode());
                assertEquals(3, stored.samples());
            }
            for (ProblemStatus status : ProblemStatus.values()) {
                String name = "s-" + status.code();
                store.problems().add(run, List.of(Samples.problem(name)));
                switch (status) {
                    case PENDING -> { }
                    case RUNNING -> store.problems().start(run, name, Samples.T0);
                    case PROVED, UNPROVED -> store.problems().finish(run, name, status, Samples.T0);
                    case ERROR -> store.problems().fail(run, name, "gone", Samples.T0);
                    case STATEMENT_ERROR -> store.problems().rejectStatement(run, name, "unknown identifier", Samples.T0);
                }
                assertEquals(status, store.problems().list(run).stream()
                        .filter(p -> p.problem().name().equals(name)).findFirst().orElseThrow().status());
            }
            for (Promotion promotion : Promotion.values()) {
                PromotionDecision d = new PromotionDecision(0.1, 0.2, 0.05, promotion, "because");
                new RoundRepository(store).decide(round.id(), d);
                assertEquals(d, new RoundRepository(store).find(1).orElseThrow().decision());
            }
            for (ExampleKind kind : ExampleKind.values()) {
                ExampleContent content = kind == ExampleKind.SFT ? new ExampleContent.Completion("p", "c")
                        : new ExampleContent.Preference("p", "a", "b");
                assertEquals(1, new TrainingExampleRepository(store).add(List.of(new NewExample(round.id(), kind, content, "x", "1", null))));
                TrainingExample stored = new TrainingExampleRepository(store).forRound(round.id(), kind).get(0);
                for (FilterDecision decision : FilterDecision.values()) {
                    FilterVerdict filter = new FilterVerdict(decision, 2.5, decision == FilterDecision.DROPPED ? "why" : null);
                    new TrainingExampleRepository(store).recordFilter(List.of(new FilterResult(stored.id(), filter)));
                    assertEquals(filter, new TrainingExampleRepository(store).forRound(round.id(), kind).get(0).filter());
                }
            }
            for (RunStatus status : new RunStatus[] {RunStatus.COMPLETED, RunStatus.INTERRUPTED}) {
                store.runs().finish(run, status, Samples.T0);
                assertEquals(status, store.runs().find(run).orElseThrow().status());
            }
            store.runs().fail(run, "x", Samples.T0);
            store.runs().reopen(run);
            assertEquals(RunStatus.RUNNING, store.runs().find(run).orElseThrow().status());
            new RoundRepository(store).fail(round.id(), "x", Samples.T0);
            assertEquals(RoundStatus.FAILED, new RoundRepository(store).find(1).orElseThrow().status());
            new RoundRepository(store).resume(round.id());
            new RoundRepository(store).complete(round.id(), Samples.T0);
            assertEquals(RoundStatus.COMPLETED, new RoundRepository(store).find(1).orElseThrow().status());
        }
    }
}
