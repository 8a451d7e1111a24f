package dev.stepwise.prover.rounds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepwise.iteration.Example;
import dev.stepwise.iteration.ExampleKind;
import dev.stepwise.iteration.Filtered;
import dev.stepwise.iteration.IterationException;
import dev.stepwise.iteration.ProblemHistory.Past;
import dev.stepwise.iteration.Promotion;
import dev.stepwise.iteration.PromotionDecision;
import dev.stepwise.iteration.RoundRecord;
import dev.stepwise.iteration.RoundStatus;
import dev.stepwise.iteration.Stage;
import dev.stepwise.iteration.StageRecord;
import dev.stepwise.prover.problems.Problem;
import dev.stepwise.prover.store.NewRun;
import dev.stepwise.prover.store.ProblemStatus;
import dev.stepwise.prover.store.RoundId;
import dev.stepwise.prover.store.RunId;
import dev.stepwise.prover.store.RunKind;
import dev.stepwise.prover.store.Samples;
import dev.stepwise.prover.store.Simulation;
import dev.stepwise.prover.store.Store;
import dev.stepwise.search.Theorem;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.stepwise.prover.store.TestEngine;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** The expert-iteration module's store contracts, kept in SQLite and in PostgreSQL. */
@ParameterizedClass
@EnumSource(TestEngine.class)
class StoreRoundStoreTest {
    @Parameter
    TestEngine engine;
    @TempDir
    Path dir;
    private TestEngine.Place place;
    private Store store;
    private StoreRoundStore rounds;

    @BeforeEach
    void open() {
        place = engine.place(dir);
        store = place.open();
        rounds = new StoreRoundStore(store);
    }

    @AfterEach
    void close() {
        try (TestEngine.Place p = place) {
            if (store != null) {
                store.close();
            }
        }
    }

    @Test
    void aRoundIsRecordedStageByStage() {
        RoundRecord started = rounds.start(1, "minif2f-valid", "{\"a\":1}", "base", Samples.T0);
        assertEquals(new RoundRecord(1, "minif2f-valid", "{\"a\":1}", Stage.SELECT, RoundStatus.RUNNING, "base", null, null,
                null, Samples.T0, null, List.of()), started);
        rounds.beginStage(1, Stage.SELECT, Samples.T0);
        rounds.completeStage(1, Stage.SELECT, "selected 12", Samples.T0.plusSeconds(1));
        rounds.beginStage(1, Stage.TRAIN, Samples.T0.plusSeconds(2));
        rounds.setCandidate(1, "round-1");
        PromotionDecision decision = new PromotionDecision(0.25, 0.5, 0.05, Promotion.PROMOTED, "promoted: 0.5 vs 0.25");
        rounds.decide(1, decision);
        rounds.fail(1, "trainer exited with 1", Samples.T0.plusSeconds(3));
        RoundRecord failed = rounds.find(1).orElseThrow();
        assertEquals(RoundStatus.FAILED, failed.status());
        assertEquals(Stage.TRAIN, failed.stage());
        assertEquals(decision, failed.decision());
        assertEquals("round-1", failed.candidateModel());
        assertEquals(List.of(
                new StageRecord(Stage.SELECT, RoundStatus.COMPLETED, "selected 12", Samples.T0, Samples.T0.plusSeconds(1)),
                new StageRecord(Stage.TRAIN, RoundStatus.FAILED, "trainer exited with 1", Samples.T0.plusSeconds(2),
                        Samples.T0.plusSeconds(3))), failed.stages());
        assertTrue(failed.completed(Stage.SELECT));

        rounds.resume(1);
        rounds.beginStage(1, Stage.TRAIN, Samples.T0.plusSeconds(4));
        rounds.completeStage(1, Stage.TRAIN, "trained", Samples.T0.plusSeconds(5));
        rounds.complete(1, Samples.T0.plusSeconds(6));
        assertEquals(RoundStatus.COMPLETED, rounds.find(1).orElseThrow().status());
        assertEquals(List.of(1), rounds.list().stream().map(RoundRecord::number).toList());
    }

    @Test
    void refusalsAreUsageErrorsOfTheIterationModule() {
        rounds.start(1, "pool", "{}", "base", Samples.T0);
        IterationException running = assertThrows(IterationException.class,
                () -> rounds.start(2, "pool", "{}", "base", Samples.T0));
        assertEquals(IterationException.Kind.USAGE, running.kind());
        assertEquals("round 1 is still running (stage select); resume it or mark it failed before starting round 2",
                running.getMessage());
        IterationException missing = assertThrows(IterationException.class, () -> rounds.resume(5));
        assertEquals(IterationException.Kind.USAGE, missing.kind());
        assertEquals("there is no round 5", missing.getMessage());
    }

    @Test
    void filteredExamplesReplaceTheRoundsAndFeedLaterDedup() {
        rounds.start(1, "pool", "{}", "base", Samples.T0);
        Example kept = new Example.Sft("p1", "3", "[GOAL]\n⊢ a\n[PROOFSTEP]\n", "simp");
        Example dropped = new Example.Sft("p2", "4", "[GOAL]\n⊢ b\n[PROOFSTEP]\n", "omega");
        Filtered filtered = new Filtered(List.of(kept), List.of(new Filtered.Drop(dropped, "perplexity above the band")),
                Map.of(kept.contentHash(), 1.5, dropped.contentHash(), 30.0));
        rounds.recordExamples(1, filtered);
        rounds.recordExamples(1, filtered);
        RoundId id = new RoundRepository(store).find(1).orElseThrow().id();
        assertEquals(List.of(FilterVerdict.kept(1.5), FilterVerdict.dropped("perplexity above the band", 30.0)),
                new TrainingExampleRepository(store).forRound(id, ExampleKind.SFT).stream().map(TrainingExample::filter).toList());
        rounds.complete(1, Samples.T0);
        assertEquals(Set.of(), rounds.keptHashesBefore(1));
        assertEquals(Set.of(kept.contentHash()), rounds.keptHashesBefore(2));
    }

    /** A run of {@code problems} sample statements, real or against {@code world}. */
    private RunId run(String name, String world, Simulation simulation, List<Problem> problems) {
        String config = "{\"settings\":{\"simulate\":\"" + world + "\"}}";
        RunId id = store.runs().create(new NewRun(name, RunKind.EVAL, "minif2f-test", null, config, Samples.VERSIONS,
                List.of(1L), simulation, Samples.T0)).id();
        store.problems().add(id, problems);
        return id;
    }

    private static List<Theorem> theorems(int n) {
        return Samples.problems(n).stream().map(Problem::theorem).toList();
    }

    @Test
    void problemHistoryCountsAttemptsAndSolvedRunsInTheSameWorld() {
        String world = dir.resolve("pool-world.json").toString();
        RunId first = run("first", world, Simulation.SIMULATED, Samples.problems(3));
        store.attempts().record(Samples.failedAttempt(first, "p0000", 0));
        store.attempts().record(Samples.failedAttempt(first, "p0000", 1));
        store.problems().finish(first, "p0000", ProblemStatus.UNPROVED, Samples.T0);
        store.attempts().record(Samples.provedAttempt(first, "p0001", 0, 2, ""));
        store.problems().finish(first, "p0001", ProblemStatus.PROVED, Samples.T0);
        // The same world, named by another spelling of its path.
        RunId second = run("second", dir.resolve("x/../pool-world.json").toString(), Simulation.SIMULATED, Samples.problems(1));
        store.attempts().record(Samples.failedAttempt(second, "p0000", 0));
        store.problems().finish(second, "p0000", ProblemStatus.PROVED, Samples.T0);

        List<Theorem> asked = List.of(theorems(3).get(0), theorems(3).get(2),
                new Theorem("never-tried", "import Mathlib", "theorem never_tried : True := by"));
        assertEquals(Map.of("p0000", new Past(3, true), "p0002", new Past(0, false)),
                new StoreProblemHistory(store, world).of(asked));
    }

    @Test
    void proofsInAnotherWorldOrOfAnotherStatementAreNotCounted() {
        // The README's order: an eval against miniF2F's world proves p0000 and p0001, then rounds run in the pool's world.
        String evalWorld = dir.resolve("world.json").toString();
        RunId eval = run("eval", evalWorld, Simulation.SIMULATED, Samples.problems(2));
        store.attempts().record(Samples.provedAttempt(eval, "p0000", 0, 2, ""));
        store.problems().finish(eval, "p0000", ProblemStatus.PROVED, Samples.T0);
        store.attempts().record(Samples.provedAttempt(eval, "p0001", 0, 2, ""));
        store.problems().finish(eval, "p0001", ProblemStatus.PROVED, Samples.T0);
        // A real run proved p0000; a run in the pool's world proved a p0001 worded otherwise.
        RunId real = run("real", "", Simulation.REAL, Samples.problems(1));
        store.attempts().record(Samples.provedAttempt(real, "p0000", 0, 2, ""));
        store.problems().finish(real, "p0000", ProblemStatus.PROVED, Samples.T0);
        String poolWorld = dir.resolve("pool-world.json").toString();
        Problem p1 = Samples.problems(2).get(1);
        RunId reworded = run("reworded", poolWorld, Simulation.SIMULATED, List.of(new Problem(p1.name(), p1.split(), p1.header(),
                "theorem p0001 : 2 = 1 + 1 := by", p1.informalStatement(), p1.source())));
        store.attempts().record(Samples.provedAttempt(reworded, "p0001", 0, 2, ""));
        store.problems().finish(reworded, "p0001", ProblemStatus.PROVED, Samples.T0);

        assertEquals(Map.of(), new StoreProblemHistory(store, poolWorld).of(theorems(2)));
        assertEquals(Map.of("p0000", new Past(1, true)), new StoreProblemHistory(store, "").of(theorems(2)),
                "a real round counts the real run only");
        assertEquals(Map.of("p0000", new Past(1, true), "p0001", new Past(1, true)),
                new StoreProblemHistory(store, evalWorld).of(theorems(2)));
    }
}
