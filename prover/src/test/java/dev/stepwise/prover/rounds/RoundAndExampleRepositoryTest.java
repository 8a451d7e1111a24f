package dev.stepwise.prover.rounds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepwise.iteration.ExampleKind;
import dev.stepwise.iteration.HeldOutComparison;
import dev.stepwise.iteration.PromotionBasis;
import dev.stepwise.iteration.PromotionRule;
import dev.stepwise.iteration.Promotion;
import dev.stepwise.iteration.PromotionDecision;
import dev.stepwise.iteration.RoundStatus;
import dev.stepwise.iteration.Stage;
import dev.stepwise.iteration.StageRecord;
import dev.stepwise.prover.exit.ExitCode;
import dev.stepwise.prover.store.DatabaseException;
import dev.stepwise.prover.store.NewRun;
import dev.stepwise.prover.store.RoundId;
import dev.stepwise.prover.store.RunKind;
import dev.stepwise.prover.store.Samples;
import dev.stepwise.prover.store.Simulation;
import dev.stepwise.prover.store.Store;
import dev.stepwise.prover.store.schema.Migrations;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.stepwise.prover.store.TestEngine;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass
@EnumSource(TestEngine.class)
class RoundAndExampleRepositoryTest {
    @Parameter
    TestEngine engine;
    @TempDir
    Path dir;
    private TestEngine.Place place;
    private Store store;

    @BeforeEach
    void open() {
        place = engine.place(dir);
        store = place.open();
    }

    @AfterEach
    void close() {
        try (TestEngine.Place p = place) {
            if (store != null) {
                store.close();
            }
        }
    }

    private static NewRound round(int number) {
        return new NewRound(number, "minif2f-valid", "{\"round\":" + number + "}", "base-7b", Samples.T0.plusSeconds(number));
    }

    @Test
    void roundsWhoseRunsWentToTheSimulatorAreListed() {
        Round first = new RoundRepository(store).start(round(1));
        new RoundRepository(store).complete(first.id(), Samples.T0);
        Round second = new RoundRepository(store).start(round(2));
        new RoundRepository(store).complete(second.id(), Samples.T0);
        new RoundRepository(store).start(round(3));
        store.runs().create(new NewRun("round-1-search", RunKind.ROUND_SEARCH, "pool", first.id(), "{}", Samples.VERSIONS,
                List.of(1L), Simulation.REAL, Samples.T0));
        store.runs().create(new NewRun("round-2-search", RunKind.ROUND_SEARCH, "pool", second.id(), "{}", Samples.VERSIONS,
                List.of(1L), Simulation.SIMULATED, Samples.T0));
        store.runs().create(new NewRun("round-2-eval", RunKind.ROUND_EVAL, "pool", second.id(), "{}", Samples.VERSIONS,
                List.of(1L), Simulation.SIMULATED, Samples.T0));
        store.runs().create(Samples.run("eval-outside-rounds"));
        assertEquals(List.of(2), new RoundRepository(store).simulated());
    }

    /**
     * The store kept its own copy of the decision that took any margin but NaN, so a margin the
     * promote stage can never use (negative, or 1 and above) could be written. The one decision
     * type now refuses it before it reaches the database.
     */
    @Test
    void aPromotionMarginOutsideZeroToOneNeverReachesTheDatabase() {
        RoundRepository rounds = new RoundRepository(store);
        Round round = rounds.start(round(1));
        for (double margin : new double[] {-0.01, 1.0, 1.5, Double.NaN}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> rounds.decide(round.id(), new PromotionDecision(0.30, 0.34, margin, Promotion.PROMOTED, "x")));
            assertTrue(e.getMessage().contains("promotion margin must be in [0, 1)"), e.getMessage());
        }
        assertNull(rounds.find(1).orElseThrow().decision());
        PromotionDecision edge = new PromotionDecision(0.30, 0.30, 0.0, Promotion.KEPT_CURRENT, "no gain");
        rounds.decide(round.id(), edge);
        assertEquals(edge, rounds.find(1).orElseThrow().decision());
    }

    @Test
    void aDecisionOnEvidenceKeepsEveryFigureAndDecidingAgainReplacesThem() {
        RoundRepository rounds = new RoundRepository(store);
        Round round = rounds.start(round(1));
        PromotionDecision kept = new PromotionRule(0.0, 20, 0.95).decide(new HeldOutComparison(24, 9, 14, 5, 0));
        rounds.decide(round.id(), kept);
        PromotionDecision read = rounds.find(1).orElseThrow().decision();
        assertEquals(kept, read);
        assertEquals(PromotionBasis.NOT_SIGNIFICANT, read.evidence().basis());
        assertEquals(0.0625, read.evidence().pValue());
        // A decision without figures (as before they were kept) clears them rather than leaving the last ones.
        PromotionDecision plain = new PromotionDecision(0.3, 0.4, 0.0, Promotion.PROMOTED, "old");
        rounds.decide(round.id(), plain);
        assertEquals(plain, rounds.find(1).orElseThrow().decision());
    }

    /** A database whose rounds were decided before the figures were kept reads them back without figures. */
    @Test
    void roundsDecidedBeforeTheEvidenceColumnsReadBackWithoutEvidence(@TempDir Path other) {
        try (TestEngine.Place old = engine.place(other)) {
            roundsDecidedBeforeTheEvidenceColumnsReadBackWithoutEvidence(old);
        }
    }

    private void roundsDecidedBeforeTheEvidenceColumnsReadBackWithoutEvidence(TestEngine.Place db) {
        try (Store v1 = db.open(Migrations.of(List.of(Migrations.standard(engine.dialect()).steps().getFirst())),
                java.time.InstantSource.system())) {
            v1.database().write("an old decided round", c -> {
                try (var st = c.createStatement()) {
                    st.executeUpdate("INSERT INTO rounds (number, pool, config_json, stage, status, current_model, candidate_model,"
                            + " current_pass_rate, candidate_pass_rate, promotion_margin, decision, decision_reason, started_at)"
                            + " VALUES (1, 'p', '{}', 'promote', 'completed', 'base', 'stepwise-round-1', 1.0, 1.0, 0.0,"
                            + " 'kept-current', 'kept', 0)");
                }
                return null;
            });
        }
        try (Store upgraded = db.open()) {
            assertEquals(Migrations.standard().latestVersion(), upgraded.schemaVersion());
            assertEquals(new PromotionDecision(1.0, 1.0, 0.0, Promotion.KEPT_CURRENT, "kept"),
                    new RoundRepository(upgraded).find(1).orElseThrow().decision());
        }
    }

    @Test
    void aRoundWalksItsStagesAndRecordsThePromotion() {
        Round round = new RoundRepository(store).start(round(1));
        assertEquals(Stage.SELECT, round.stage());
        assertEquals(RoundStatus.RUNNING, round.status());
        new RoundRepository(store).beginStage(round.id(), Stage.SELECT, Samples.T0);
        new RoundRepository(store).completeStage(round.id(), Stage.SELECT, "{\"selected\":120}", Samples.T0.plusSeconds(1));
        new RoundRepository(store).beginStage(round.id(), Stage.SEARCH, Samples.T0.plusSeconds(2));
        // killed during search, resumed: the stage begins again
        new RoundRepository(store).beginStage(round.id(), Stage.SEARCH, Samples.T0.plusSeconds(50));
        new RoundRepository(store).completeStage(round.id(), Stage.SEARCH, "{\"proved\":31}", Samples.T0.plusSeconds(90));
        new RoundRepository(store).setCandidate(round.id(), "round-1-lora");
        PromotionDecision decision = new PromotionDecision(0.30, 0.34, 0.02, Promotion.PROMOTED, "0.34 >= 0.30 + 0.02");
        new RoundRepository(store).decide(round.id(), decision);
        new RoundRepository(store).complete(round.id(), Samples.T0.plusSeconds(100));

        Round done = new RoundRepository(store).find(1).orElseThrow();
        assertEquals(new Round(round.id(), 1, "minif2f-valid", "{\"round\":1}", Stage.SEARCH, RoundStatus.COMPLETED,
                "base-7b", "round-1-lora", decision, null, Samples.T0.plusSeconds(1), Samples.T0.plusSeconds(100)), done);
        assertEquals(List.of(
                new StageRecord(Stage.SELECT, RoundStatus.COMPLETED, "{\"selected\":120}", Samples.T0, Samples.T0.plusSeconds(1)),
                new StageRecord(Stage.SEARCH, RoundStatus.COMPLETED, "{\"proved\":31}", Samples.T0.plusSeconds(50),
                        Samples.T0.plusSeconds(90))), new RoundRepository(store).stages(round.id()));
        assertTrue(new RoundRepository(store).running().isEmpty());
    }

    @Test
    void onlyOneRoundRunsAtATime() {
        Round first = new RoundRepository(store).start(round(1));
        new RoundRepository(store).beginStage(first.id(), Stage.TRAIN, Samples.T0);
        DatabaseException e = assertThrows(DatabaseException.class, () -> new RoundRepository(store).start(round(2)));
        assertEquals(ExitCode.USAGE, e.exitCode());
        assertEquals("round 1 is still running (stage train); resume it or mark it failed before starting round 2",
                e.getMessage());
        new RoundRepository(store).fail(first.id(), "trainer exited with 1: CUDA out of memory", Samples.T0.plusSeconds(5));
        assertEquals(List.of(new StageRecord(Stage.TRAIN, RoundStatus.FAILED, "trainer exited with 1: CUDA out of memory",
                Samples.T0, Samples.T0.plusSeconds(5))), new RoundRepository(store).stages(first.id()));
        Round second = new RoundRepository(store).start(round(2));
        assertEquals(second, new RoundRepository(store).running().orElseThrow());
        DatabaseException resume = assertThrows(DatabaseException.class, () -> new RoundRepository(store).resume(first.id()));
        assertEquals("round 2 is running; only one round runs at a time", resume.getMessage());
        new RoundRepository(store).complete(second.id(), Samples.T0.plusSeconds(9));
        new RoundRepository(store).resume(first.id());
        Round resumed = new RoundRepository(store).find(1).orElseThrow();
        assertEquals(RoundStatus.RUNNING, resumed.status());
        assertNull(resumed.error());
        assertEquals(List.of(1, 2), new RoundRepository(store).list().stream().map(Round::number).toList());
        DatabaseException taken = assertThrows(DatabaseException.class, () -> new RoundRepository(store).start(round(2)));
        assertEquals("round 1 is still running (stage train); resume it or mark it failed before starting round 2",
                taken.getMessage());
    }

    @Test
    void examplesAreStoredOncePerRoundAndFilteredRoundsAccumulate() {
        Round r1 = new RoundRepository(store).start(round(1));
        NewExample sft = new NewExample(r1.id(), ExampleKind.SFT,
                new ExampleContent.Completion("[GOAL]\n⊢ 1 + 1 = 2\n[PROOFSTEP]\n", "norm_num"), "p1", "7", null);
        NewExample dpo = new NewExample(r1.id(), ExampleKind.DPO,
                new ExampleContent.Preference("[GOAL]\n⊢ 1 + 1 = 2\n[PROOFSTEP]\n", "norm_num", "simp"), "p1", "7", null);
        assertEquals(2, new TrainingExampleRepository(store).add(List.of(sft, dpo, sft)));
        List<TrainingExample> round1 = new TrainingExampleRepository(store).forRound(r1.id(), ExampleKind.SFT);
        assertEquals(1, round1.size());
        assertEquals(sft.contentHash(), round1.get(0).contentHash());
        assertEquals(sft.content(), round1.get(0).content());
        assertEquals("7", round1.get(0).sourceAttempt());
        assertNull(round1.get(0).filter());
        assertEquals(dpo.content(), new TrainingExampleRepository(store).forRound(r1.id(), ExampleKind.DPO).get(0).content());
        new TrainingExampleRepository(store).recordFilter(List.of(new FilterResult(round1.get(0).id(), FilterVerdict.kept(1.8))));
        assertEquals(java.util.Set.of(), new TrainingExampleRepository(store).keptHashesBefore(1));
        assertEquals(java.util.Set.of(sft.contentHash()), new TrainingExampleRepository(store).keptHashesBefore(2));
        new RoundRepository(store).complete(r1.id(), Samples.T0);

        Round r2 = new RoundRepository(store).start(round(2));
        NewExample again = new NewExample(r2.id(), ExampleKind.SFT, sft.content(), "p1", "9",
                FilterVerdict.dropped("kept by an earlier round", null));
        NewExample fresh = new NewExample(r2.id(), ExampleKind.SFT,
                new ExampleContent.Completion("[GOAL]\n⊢ 2 + 2 = 4\n[PROOFSTEP]\n", "norm_num"), "p2", "9",
                FilterVerdict.kept(2.2));
        NewExample tooHard = new NewExample(r2.id(), ExampleKind.SFT,
                new ExampleContent.Completion("[GOAL]\n⊢ 3 + 3 = 6\n[PROOFSTEP]\n", "decide"), "p3", "9",
                FilterVerdict.dropped("perplexity above the band", 41.0));
        assertEquals(3, new TrainingExampleRepository(store).replaceRound(r2.id(), List.of(again, fresh, tooHard)));
        // the filter stage ran again after a kill: its outcome replaces the first one
        assertEquals(2, new TrainingExampleRepository(store).replaceRound(r2.id(), List.of(again, fresh)));
        assertEquals(List.of(FilterVerdict.dropped("kept by an earlier round", null), FilterVerdict.kept(2.2)),
                new TrainingExampleRepository(store).forRound(r2.id(), ExampleKind.SFT).stream().map(TrainingExample::filter).toList());
        assertEquals(List.of(sft.contentHash(), fresh.contentHash()),
                new TrainingExampleRepository(store).accumulated(ExampleKind.SFT, 2).stream().map(TrainingExample::contentHash).toList());
        assertEquals(List.of(sft.contentHash()),
                new TrainingExampleRepository(store).accumulated(ExampleKind.SFT, 1).stream().map(TrainingExample::contentHash).toList());
        IllegalArgumentException wrongRound = assertThrows(IllegalArgumentException.class,
                () -> new TrainingExampleRepository(store).replaceRound(r2.id(), List.of(sft)));
        assertEquals("an example of round id " + r1.id() + " given to replace round id " + r2.id(), wrongRound.getMessage());
    }

    @Test
    void theContentHashSeparatesFields() {
        RoundId r = new RoundId(1);
        String a = new NewExample(r, ExampleKind.DPO, new ExampleContent.Preference("p", "ab", "c"), "x", "1", null).contentHash();
        String b = new NewExample(r, ExampleKind.DPO, new ExampleContent.Preference("p", "a", "bc"), "x", "1", null).contentHash();
        String critic = new NewExample(r, ExampleKind.CRITIC, new ExampleContent.Preference("p", "ab", "c"), "x", "1", null)
                .contentHash();
        assertEquals(3, java.util.Set.of(a, b, critic).size());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new NewExample(r, ExampleKind.SFT,
                new ExampleContent.Preference("p", "a", "b"), "x", "1", null));
        assertEquals("SFT examples need a completion", e.getMessage());
    }
}
