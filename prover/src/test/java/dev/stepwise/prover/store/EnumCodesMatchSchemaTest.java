package dev.stepwise.prover.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every value of every stored enum passes the schema's CHECK constraints and reads back as itself. */
class EnumCodesMatchSchemaTest {
    @TempDir
    Path dir;

    @Test
    void everyEnumValueRoundTrips() {
        try (Store store = Store.open(dir.resolve("s.db"), Duration.ofSeconds(5))) {
            Round round = store.rounds().start(new NewRound(1, "pool", "{}", "base", Samples.T0));
            for (RoundStage stage : RoundStage.values()) {
                store.rounds().beginStage(round.id(), stage, Samples.T0);
            }
            assertEquals(Arrays.asList(RoundStage.values()),
                    store.rounds().stages(round.id()).stream().map(StageRecord::stage).toList());
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
                NewAttempt a = new NewAttempt(run, "p0000", index++, 1, 0, new AttemptOutcome.NoProof(reason, ""),
                        new SearchCounts(0, 0, 0), new SearchTimings(Duration.ZERO, Duration.ZERO, Duration.ZERO),
                        Samples.T0, Samples.T0, tree);
                AttemptId id = store.attempts().record(a);
                assertEquals(a.outcome(), store.attempts().find(id).orElseThrow().outcome());
                assertEquals(tree, store.attempts().tree(id));
            }
            for (Verdict verdict : Verdict.values()) {
                ProofRecord proof = new ProofRecord(List.of("rfl"), "by rfl", new GateVerdict(verdict,
                        List.of("reason"), List.of(), Duration.ZERO));
                AttemptId id = store.attempts().record(new NewAttempt(run, "p0000", index++, 1, 0,
                        new AttemptOutcome.ProofFound(proof), new SearchCounts(0, 0, 0),
                        new SearchTimings(Duration.ZERO, Duration.ZERO, Duration.ZERO), Samples.T0, Samples.T0, tree));
                assertEquals(new AttemptOutcome.ProofFound(proof), store.attempts().find(id).orElseThrow().outcome());
            }
            for (ProblemStatus status : ProblemStatus.values()) {
                String name = "s-" + status.code();
                store.problems().add(run, List.of(Samples.problem(name)));
                switch (status) {
                    case PENDING -> { }
                    case RUNNING -> store.problems().start(run, name, Samples.T0);
                    case PROVED, UNPROVED -> store.problems().finish(run, name, status, Samples.T0);
                    case ERROR -> store.problems().fail(run, name, "gone", Samples.T0);
                }
                assertEquals(status, store.problems().list(run).stream()
                        .filter(p -> p.problem().name().equals(name)).findFirst().orElseThrow().status());
            }
            for (Promotion promotion : Promotion.values()) {
                PromotionDecision d = new PromotionDecision(0.1, 0.2, 0.05, promotion, "because");
                store.rounds().decide(round.id(), d);
                assertEquals(d, store.rounds().find(1).orElseThrow().decision());
            }
            for (ExampleKind kind : ExampleKind.values()) {
                ExampleContent content = kind == ExampleKind.SFT ? new ExampleContent.Completion("p", "c")
                        : new ExampleContent.Preference("p", "a", "b");
                assertEquals(1, store.examples().add(List.of(new NewExample(round.id(), kind, content, "x", "1", null))));
                TrainingExample stored = store.examples().forRound(round.id(), kind).get(0);
                for (FilterDecision decision : FilterDecision.values()) {
                    ExampleFilter filter = new ExampleFilter(decision, 2.5, decision == FilterDecision.DROPPED ? "why" : null);
                    store.examples().recordFilter(List.of(new FilterResult(stored.id(), filter)));
                    assertEquals(filter, store.examples().forRound(round.id(), kind).get(0).filter());
                }
            }
            for (RunStatus status : new RunStatus[] {RunStatus.COMPLETED, RunStatus.INTERRUPTED}) {
                store.runs().finish(run, status, Samples.T0);
                assertEquals(status, store.runs().find(run).orElseThrow().status());
            }
            store.runs().fail(run, "x", Samples.T0);
            store.runs().reopen(run);
            assertEquals(RunStatus.RUNNING, store.runs().find(run).orElseThrow().status());
            store.rounds().fail(round.id(), "x", Samples.T0);
            assertEquals(RoundStatus.FAILED, store.rounds().find(1).orElseThrow().status());
            store.rounds().resume(round.id());
            store.rounds().complete(round.id(), Samples.T0);
            assertEquals(RoundStatus.COMPLETED, store.rounds().find(1).orElseThrow().status());
        }
    }
}
