package dev.stepwise.prover.report;

import dev.stepwise.iteration.Promotion;
import dev.stepwise.iteration.PromotionDecision;
import dev.stepwise.iteration.RoundFigures;
import dev.stepwise.iteration.RoundRecord;
import dev.stepwise.iteration.Stage;
import dev.stepwise.prover.store.Store;
import dev.stepwise.prover.rounds.StoreRoundStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Three rounds recorded through the store: the first promotes its candidate, the second keeps the
 * model in service, the third fails in train. Each stage takes a known time.
 */
final class RoundsFixtures {
    static final Instant T0 = Instant.parse("2026-11-20T02:00:00Z");

    private RoundsFixtures() {
    }

    /** Seconds each stage takes, in stage order: select 1 min, search 9 min, ... (one hour in all). */
    private static final Map<Stage, Integer> SECONDS = Map.ofEntries(Map.entry(Stage.SELECT, 60), Map.entry(Stage.SEARCH, 540),
            Map.entry(Stage.HARVEST, 60), Map.entry(Stage.CONJECTURE, 0), Map.entry(Stage.FILTER, 300), Map.entry(Stage.EXPORT, 60),
            Map.entry(Stage.THOUGHTS, 0), Map.entry(Stage.TRAIN, 1800), Map.entry(Stage.EVALUATE, 720), Map.entry(Stage.PROMOTE, 60));

    private static final Map<Stage, String> SUMMARIES = Map.ofEntries(Map.entry(Stage.SELECT, "pool 50: 10 held out"),
            Map.entry(Stage.SEARCH, "searched 30 with base: proved 12 (3 easy by the pre-pass)"), Map.entry(Stage.HARVEST, "12 proofs"),
            Map.entry(Stage.CONJECTURE, "off (iterate.conjecture is false)"), Map.entry(Stage.FILTER, "kept 40, dropped 10"),
            Map.entry(Stage.EXPORT, "sft 36/4"), Map.entry(Stage.THOUGHTS, "off (iterate.thoughts is false)"),
            Map.entry(Stage.TRAIN, "trained"), Map.entry(Stage.EVALUATE, "held-out 10"), Map.entry(Stage.PROMOTE, "decided"));

    static List<RoundFigures> threeRounds(Path db) {
        try (Store store = Store.open(db, Duration.ofSeconds(5))) {
            StoreRoundStore rounds = new StoreRoundStore(store);
            Instant start2 = T0.plus(Duration.ofDays(1));
            Instant start3 = T0.plus(Duration.ofDays(2));
            run(rounds, 1, "base", T0, Stage.PROMOTE);
            rounds.setCandidate(1, "stepwise-round-1");
            rounds.decide(1, new PromotionDecision(0.3, 0.5, 0.05, Promotion.PROMOTED,
                    "promoted: candidate 0.5000 vs current 0.3000 (gain +0.2000, margin 0.0500)"));
            rounds.complete(1, T0.plusSeconds(3600));
            run(rounds, 2, "stepwise-round-1", start2, Stage.PROMOTE);
            rounds.setCandidate(2, "stepwise-round-2");
            rounds.decide(2, new PromotionDecision(0.5, 0.5, 0.05, Promotion.KEPT_CURRENT,
                    "kept the current model: candidate 0.5000 vs current 0.5000 (gain +0.0000, margin 0.0500)"));
            rounds.complete(2, start2.plusSeconds(3600));
            Instant train = run(rounds, 3, "stepwise-round-1", start3, Stage.EXPORT);
            rounds.beginStage(3, Stage.TRAIN, train);
            rounds.fail(3, "the trainer exited with status 3: CUDA out of memory <oom>", train.plusSeconds(120));
            List<RoundRecord> r = rounds.list();
            return List.of(
                    new RoundFigures(r.get(0), new RoundFigures.Selection(50, 10, 0, 30), new RoundFigures.Searched(30, 12, 3),
                            new RoundFigures.Examples(40, 10), new RoundFigures.Exported(36, 4),
                            new RoundFigures.Evaluation(10, "base", 3, "stepwise-round-1", 5)),
                    new RoundFigures(r.get(1), new RoundFigures.Selection(50, 10, 12, 28), new RoundFigures.Searched(28, 7, 2),
                            new RoundFigures.Examples(20, 5), new RoundFigures.Exported(18, 2),
                            new RoundFigures.Evaluation(10, "stepwise-round-1", 5, "stepwise-round-2", 5)),
                    new RoundFigures(r.get(2), new RoundFigures.Selection(50, 10, 19, 21), new RoundFigures.Searched(21, 4, 0),
                            new RoundFigures.Examples(15, 3), new RoundFigures.Exported(14, 1), null));
        }
    }

    /** Starts a round and runs its stages up to and including {@code last}; returns when the last one ended. */
    private static Instant run(StoreRoundStore rounds, int number, String model, Instant start, Stage last) {
        rounds.start(number, "minif2f-valid", "{}", model, start);
        Instant at = start;
        for (Stage stage : Stage.values()) {
            if (stage.compareTo(last) > 0) {
                break;
            }
            rounds.beginStage(number, stage, at);
            at = at.plusSeconds(SECONDS.get(stage));
            rounds.completeStage(number, stage, SUMMARIES.get(stage), at);
        }
        return at;
    }
}
