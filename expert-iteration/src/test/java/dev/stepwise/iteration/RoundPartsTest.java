package dev.stepwise.iteration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stepwise.search.Theorem;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RoundPartsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void promotionNeedsMoreThanTheMarginAndRecordsBothNumbers() {
        // 40 held-out statements and no significance test, so that only the margin decides.
        PromotionRule margin5 = new PromotionRule(0.05, 0, 0.0);
        PromotionDecision kept = margin5.decide(new HeldOutComparison(40, 16, 17, 1, 0));
        assertEquals(Promotion.KEPT_CURRENT, kept.promotion());
        assertEquals(0.40, kept.currentPassRate());
        assertEquals(0.425, kept.candidatePassRate());
        assertEquals("kept the current model: candidate 17/40 (0.4250) vs current 16/40 (0.4000), candidate alone 1, current alone 0,"
                + " exact McNemar p=1; gain +0.0250 within margin 0.0500", kept.reason());
        assertEquals(Promotion.PROMOTED, margin5.decide(new HeldOutComparison(40, 16, 19, 3, 0)).promotion());
        // A tie never promotes, even with no margin.
        assertEquals(Promotion.KEPT_CURRENT, new PromotionRule(0.0, 0, 0.0).decide(new HeldOutComparison(40, 20, 20, 2, 2)).promotion());
        // A gain of exactly the margin does not promote, whatever the rounding of the pass rates.
        assertEquals(Promotion.KEPT_CURRENT, new PromotionRule(0.1, 0, 0.0).decide(new HeldOutComparison(10, 3, 4, 1, 0)).promotion());
    }

    /** A round stored before the promotion rule and the seed existed resumes under the rule it started with. */
    @Test
    void settingsStoredBeforeTheRuleAndSeedReadAsNoMinimumNoTestAndSeedZero() throws Exception {
        RoundSettings now = RoundRunnerTest.settings("true", 12, new PromotionRule(0.05, 20, 0.95));
        com.fasterxml.jackson.databind.node.ObjectNode stored = JSON.valueToTree(now);
        assertEquals(now, JSON.treeToValue(stored, RoundSettings.class));
        stored.remove(List.of("minHeldOut", "promotionConfidence", "seed"));
        RoundSettings old = JSON.treeToValue(stored, RoundSettings.class);
        assertEquals(new PromotionRule(0.05, 0, 0.0), old.promotionRule());
        assertEquals(0L, old.roundSeed(1));
    }

    private static RoundContext context(Path dir, ProblemHistory history, CriticScorer critic, Curriculum curriculum, int cap) {
        RoundSettings settings = new RoundSettings("base", cap, curriculum, 0.25, 0.1, PerplexityBand.keepAll(),
                TrainingChoices.EasyProofs.EXCLUDE, TrainingChoices.Prepass.OFF, 0.0, 0, 0.0, RoundRunnerTest.settings("true").trainer(),
                0L);
        ScriptedWorld world = new ScriptedWorld();
        RoundServices services = new RoundServices(new MemoryRoundStore(), world, history, critic, RoundRunnerTest.SCORER,
                Trees.renderer(), world, new TrainerLauncher(Map.of()), JSON, InstantSource.fixed(Instant.EPOCH), dir);
        return new RoundContext(1, "gen", ScriptedWorld.pool(40), settings, "{}", "base", services, services.files(1));
    }

    @Test
    void selectDropsSolvedStatementsAndOrdersByFewestAttempts(@TempDir Path dir) {
        List<Theorem> pool = ScriptedWorld.pool(40);
        List<String> train = pool.stream().filter(t -> !SelectStage.heldOut(t, 0.25)).map(Theorem::name).toList();
        // The first trainable statement is solved; the second was tried often; the rest never.
        ProblemHistory history = theorems -> Map.of(train.get(0), new ProblemHistory.Past(4, true),
                train.get(1), new ProblemHistory.Past(9, false), train.get(2), new ProblemHistory.Past(1, false));
        RoundContext ctx = context(dir, history, t -> List.of(), Curriculum.FEWEST_ATTEMPTS, 100);
        String summary = new SelectStage().run(ctx);
        StageOutputs.Selection s = ctx.selection();
        List<String> chosen = s.train().stream().map(Theorem::name).toList();
        assertEquals(train.size() - 1, chosen.size());
        assertEquals(train.get(1), chosen.getLast());
        assertEquals(train.get(2), chosen.get(chosen.size() - 2));
        assertEquals(train.get(3), chosen.getFirst());
        assertEquals(40 - train.size(), s.heldOut().size());
        assertTrue(s.heldOut().stream().noneMatch(t -> train.contains(t.name())));
        assertEquals("pool 40: " + s.heldOut().size() + " held out, 1 solved before, " + (train.size() - 1)
                + " unsolved; selected " + (train.size() - 1) + " by fewest-attempts", summary);
    }

    @Test
    void criticCurriculumTakesTheHighestScoresUpToTheCap(@TempDir Path dir) {
        CriticScorer critic = ts -> ts.stream().map(t -> (double) Integer.parseInt(t.name().substring(1))).toList();
        RoundContext ctx = context(dir, names -> Map.of(), critic, Curriculum.CRITIC, 3);
        new SelectStage().run(ctx);
        List<Integer> chosen = ctx.selection().train().stream().map(t -> Integer.parseInt(t.name().substring(1))).toList();
        assertEquals(3, chosen.size());
        assertTrue(chosen.get(0) > chosen.get(1) && chosen.get(1) > chosen.get(2), chosen.toString());
    }

    @Test
    void trainerCommandPlaceholdersAreShellQuotedAndUnknownOnesNamed() {
        assertEquals("trl 'sft' --config '/data/round 1/trl.yaml' --x 'it'\\''s'",
                TrainerLauncher.render("trl {method} --config {config} --x {round}", Map.of("method", "sft", "config",
                        "/data/round 1/trl.yaml", "round", "it's")));
        IterationException e = assertThrows(IterationException.class, () -> TrainerLauncher.render("train {data}", Map.of()));
        assertEquals("iterate.trainer-command has an unknown placeholder {data}; known: {config} {train_file} {valid_file}"
                + " {base_model} {init_model} {output_dir} {round} {method} {gpus}", e.getMessage());
    }

    @Test
    void continuingALoraAdapterIsRefusedWithTheReason() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new TrainerSettings("x",
                TrainingChoices.Method.SFT, TrainingChoices.Finetune.LORA, TrainingChoices.Mode.CONTINUE, 1, 1e-5, 8, 8));
        assertEquals("iterate.train-mode=continue needs iterate.finetune=full: TRL's command line starts LoRA from a base model,"
                + " not from an earlier adapter", e.getMessage());
    }
}
