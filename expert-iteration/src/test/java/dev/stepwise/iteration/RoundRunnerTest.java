package dev.stepwise.iteration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RoundRunnerTest {
    /** A trainer that really runs: it copies its training file into the checkpoint directory. */
    static final String COPY_TRAINER = "mkdir -p {output_dir} && cp {train_file} {output_dir}/adapter.jsonl && echo trained {round}";
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Promotion on any gain (no minimum held-out size, no significance test): the scripted world's
     * later checkpoints gain only two or three of its 18 held-out statements, too few to be
     * significant, and these tests are about the rounds' mechanics; {@link PromotionOnEvidenceTest}
     * is about the rule.
     */
    static RoundSettings settings(String trainerCommand) {
        return settings(trainerCommand, 12, new PromotionRule(0.0, 0, 0.0));
    }

    static RoundSettings settings(String trainerCommand, int maxProblems, PromotionRule promotion) {
        return new RoundSettings("base", maxProblems, Curriculum.FEWEST_ATTEMPTS, 0.3, 0.2, new PerplexityBand(0.1, 0.1),
                TrainingChoices.EasyProofs.EXCLUDE, TrainingChoices.Prepass.ON, promotion.margin(), promotion.minHeldOut(),
                promotion.confidence(), new TrainerSettings(trainerCommand, TrainingChoices.Method.SFT, TrainingChoices.Finetune.LORA,
                        TrainingChoices.Mode.RETRAIN_FROM_BASE, 3, 2e-5, 16, 32), 0L);
    }

    /** Perplexity grows with the completion's length: deterministic and spread out. */
    static final TacticScorer SCORER = (model, requests) -> requests.stream()
            .map(r -> new TacticScorer.Score(-0.05 * r.completion().length(), 1)).toList();

    static final class Setup {
        final MemoryRoundStore store = new MemoryRoundStore();
        final ScriptedWorld world = new ScriptedWorld();
        final RoundServices services;
        final RoundRunner runner;

        Setup(Path dir) {
            services = new RoundServices(store, world, world, theorems -> theorems.stream().map(t -> (double) t.name().length()).toList(),
                    SCORER, Trees.renderer(), world, new TrainerLauncher(Map.of()), JSON,
                    InstantSource.fixed(Instant.parse("2026-11-22T03:00:00Z")), dir);
            runner = new RoundRunner(services);
        }

        RoundRecord next(String trainer) {
            return next(settings(trainer));
        }

        RoundRecord next(RoundSettings settings) {
            return runner.run(new RoundRequest(0, RoundRequest.Resume.NEW, "gen-60", ScriptedWorld.pool(60), settings));
        }

        RoundRecord resume() {
            return runner.run(new RoundRequest(0, RoundRequest.Resume.RESUME, "gen-60", ScriptedWorld.pool(60), settings(COPY_TRAINER)));
        }

        int proved(int round) throws Exception {
            return JSON.readTree(services.files(round).path(RoundFiles.SEARCH).toFile()).get("proved").size();
        }
    }

    @Test
    void threeRoundsSolveMoreEachRoundAndPromoteBetterModels(@TempDir Path dir) throws Exception {
        Setup s = new Setup(dir);
        List<RoundRecord> rounds = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            rounds.add(s.next(COPY_TRAINER));
        }
        assertEquals(List.of("base", "stepwise-round-1", "stepwise-round-2"), rounds.stream().map(RoundRecord::currentModel).toList());
        for (RoundRecord r : rounds) {
            assertEquals(RoundStatus.COMPLETED, r.status());
            assertEquals(Promotion.PROMOTED, r.decision().promotion());
            assertTrue(r.decision().candidatePassRate() > r.decision().currentPassRate(), r.decision().reason());
        }
        int total = 0;
        for (int n = 1; n <= 3; n++) {
            int proved = s.proved(n);
            assertTrue(proved > 0, "round " + n + " proved nothing");
            total += proved;
        }
        // Proofs of earlier rounds are not searched again (solved statements leave the pool).
        assertEquals(s.world.of(ScriptedWorld.pool(60)).values().stream()
                .filter(ProblemHistory.Past::solved).count(), total);
        // Retraining from the base: round 3 trains on every round's examples so far.
        long lines3 = Files.readAllLines(s.services.files(3).path("train/data/train.jsonl")).size();
        long sum = 0;
        for (int n = 1; n <= 3; n++) {
            sum += Files.readAllLines(s.services.files(n).path("export/sft-train.jsonl")).size();
        }
        assertEquals(sum, lines3);
        // The validation files are the trainer's eval split.
        long valid3 = Files.readAllLines(s.services.files(3).path("train/data/validation.jsonl")).size();
        long validSum = 0;
        for (int n = 1; n <= 3; n++) {
            validSum += Files.readAllLines(s.services.files(n).path("export/sft-valid.jsonl")).size();
        }
        assertTrue(validSum > 0);
        assertEquals(validSum, valid3);
        String config = Files.readString(s.services.files(3).path("train/trl.yaml"));
        assertTrue(config.contains("dataset_name: \"" + s.services.files(3).path("train/data") + "\"\n"), config);
        assertTrue(config.contains("dataset_test_split: validation\neval_strategy: epoch\n"), config);
        String summary = Files.readString(s.services.files(3).path(RoundFiles.SUMMARY));
        assertTrue(summary.contains("- decision: promoted: candidate"), summary);
        assertTrue(summary.contains("round   3 | #"), summary);
        assertTrue(Files.readString(s.services.files(1).path("train/train.log")).contains("trained 1"));
    }

    @Test
    void easyProofsAreSearchedButKeptOutOfTraining(@TempDir Path dir) throws Exception {
        Setup s = new Setup(dir);
        s.next(COPY_TRAINER);
        Filtered f = s.store.examples(1);
        List<String> easy = JSON.readValue(s.services.files(1).path(RoundFiles.SEARCH).toFile(), StageOutputs.SearchOutput.class).easy();
        assertTrue(!easy.isEmpty());
        assertTrue(f.kept().stream().noneMatch(e -> easy.contains(e.problem())));
        assertTrue(f.dropped().stream().anyMatch(d -> d.reason().equals(EasyProblemFilter.REASON)));
        assertEquals(List.of("round-1-prepass base 12", "round-1-search base " + (12 - easy.size()),
                "round-1-evaluate-current base " + JSON.readTree(s.services.files(1).path(RoundFiles.SELECTION).toFile()).get("heldOut").size(),
                "round-1-evaluate-candidate stepwise-round-1 "
                        + JSON.readTree(s.services.files(1).path(RoundFiles.SELECTION).toFile()).get("heldOut").size()), s.world.jobs);
    }

    /** Everything a round leaves that must not depend on whether it was interrupted. */
    private static Map<String, String> outcome(Setup s, int round) throws Exception {
        Map<String, String> out = new LinkedHashMap<>();
        RoundFiles files = s.services.files(round);
        for (String f : List.of(RoundFiles.SELECTION, RoundFiles.SEARCH, RoundFiles.HARVEST, RoundFiles.FILTER, RoundFiles.EVALUATION,
                RoundFiles.SUMMARY, "train/data/train.jsonl", "train/model/adapter.jsonl")) {
            out.put(f, Files.readString(files.path(f), StandardCharsets.UTF_8));
        }
        try (Stream<Path> export = Files.list(files.path(RoundFiles.EXPORT_DIR))) {
            for (Path p : export.sorted().toList()) {
                out.put("export/" + p.getFileName(), Files.readString(p, StandardCharsets.UTF_8));
            }
        }
        RoundRecord r = s.store.find(round).orElseThrow();
        out.put("record", r.status() + " " + r.currentModel() + " " + r.candidateModel() + " " + r.decision());
        out.put("stages", r.stages().stream().map(x -> x.stage() + " " + x.status() + " " + x.summary()).toList().toString());
        return out;
    }

    @Test
    void aRoundKilledInAnyStageResumesToTheSameResult(@TempDir Path dir) throws Exception {
        Setup reference = new Setup(dir.resolve("reference"));
        reference.next(COPY_TRAINER);
        reference.next(COPY_TRAINER);
        Map<String, String> expected = outcome(reference, 2);
        for (Stage stage : Stage.values()) {
            for (MemoryRoundStore.KillPoint point : MemoryRoundStore.KillPoint.values()) {
                Setup s = new Setup(dir.resolve(stage + "-" + point));
                s.next(COPY_TRAINER);
                s.store.killAt(stage, point);
                assertThrows(MemoryRoundStore.Killed.class, () -> s.next(COPY_TRAINER));
                assertEquals(RoundStatus.RUNNING, s.store.find(2).orElseThrow().status());
                RoundRecord resumed = s.resume();
                assertEquals(RoundStatus.COMPLETED, resumed.status());
                Map<String, String> actual = outcome(s, 2);
                for (String key : expected.keySet()) {
                    assertEquals(expected.get(key), actual.get(key), key + " after a kill " + point + " " + stage);
                }
            }
        }
    }

    @Test
    void aFailingTrainerStopsTheRoundWithItsOwnErrorAndTheRoundCanBeResumed(@TempDir Path dir) throws Exception {
        Setup s = new Setup(dir);
        IterationException e = assertThrows(IterationException.class,
                () -> s.next("echo 'loading model'; echo 'torch.OutOfMemoryError: CUDA out of memory' >&2; exit 3"));
        assertEquals(IterationException.Kind.STAGE, e.kind());
        assertEquals("round 1 failed in stage train: the trainer exited with status 3: loading model | torch.OutOfMemoryError: CUDA out"
                + " of memory (full log: " + s.services.files(1).path("train/train.log") + ") (fix it and run 'stepwise iterate --resume')",
                e.getMessage());
        RoundRecord failed = s.store.find(1).orElseThrow();
        assertEquals(RoundStatus.FAILED, failed.status());
        assertEquals(Stage.TRAIN, failed.stage());
        IterationException blocked = assertThrows(IterationException.class, () -> s.next(COPY_TRAINER));
        assertEquals("round 1 is unfinished (failed in stage train); continue it with 'stepwise iterate --resume' first",
                blocked.getMessage());
        List<String> jobsBefore = List.copyOf(s.world.jobs);
        RoundRecord resumed = s.resume();
        assertEquals(RoundStatus.COMPLETED, resumed.status());
        // The searches done before the failure were not redone.
        assertEquals(jobsBefore, s.world.jobs.subList(0, jobsBefore.size()));
        assertEquals(2, s.world.jobs.size() - jobsBefore.size());
    }

    @Test
    void twoRoundsNeverRunAtOnce(@TempDir Path dir) {
        Setup s = new Setup(dir);
        try (RoundLock held = RoundLock.acquire(dir)) {
            IterationException e = assertThrows(IterationException.class, () -> s.next(COPY_TRAINER));
            assertEquals(IterationException.Kind.ENVIRONMENT, e.kind());
            assertEquals("another round is running (it holds the lock " + dir.resolve(RoundLock.FILE)
                    + "); only one round runs at a time", e.getMessage());
        }
        assertEquals(List.of(), s.store.list());
    }

    @Test
    void resumingWithNothingUnfinishedAndSkippingRoundNumbersAreRefused(@TempDir Path dir) {
        Setup s = new Setup(dir);
        assertEquals("no unfinished round to resume", assertThrows(IterationException.class, s::resume).getMessage());
        IterationException e = assertThrows(IterationException.class, () -> s.runner.run(new RoundRequest(4,
                RoundRequest.Resume.NEW, "gen-60", ScriptedWorld.pool(60), settings(COPY_TRAINER))));
        assertEquals("the next round is 1, not 4 (rounds run in order; use --next)", e.getMessage());
    }
}
