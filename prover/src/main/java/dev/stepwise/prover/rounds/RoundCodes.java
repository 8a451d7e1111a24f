package dev.stepwise.prover.rounds;

import static java.util.Map.entry;

import dev.stepwise.iteration.ExampleKind;
import dev.stepwise.iteration.Promotion;
import dev.stepwise.iteration.PromotionBasis;
import dev.stepwise.iteration.RoundStatus;
import dev.stepwise.iteration.Stage;
import dev.stepwise.prover.store.CodeTable;
import java.util.Map;

/**
 * How the expert-iteration module's enums are kept in the {@code rounds}, {@code round_stages} and
 * {@code training_examples} columns: the codes the schema's CHECK constraints allow.
 */
final class RoundCodes {
    static final CodeTable<Stage> STAGE = CodeTable.of(Stage.class, Map.ofEntries(
            entry(Stage.SELECT, "select"),
            entry(Stage.SEARCH, "search"),
            entry(Stage.HARVEST, "harvest"),
            entry(Stage.CONJECTURE, "conjecture"),
            entry(Stage.FILTER, "filter"),
            entry(Stage.EXPORT, "export"),
            entry(Stage.THOUGHTS, "thoughts"),
            entry(Stage.TRAIN, "train"),
            entry(Stage.EVALUATE, "evaluate"),
            entry(Stage.PROMOTE, "promote")));

    /** Of a round and of each of its stages. */
    static final CodeTable<RoundStatus> STATUS = CodeTable.of(RoundStatus.class, Map.of(
            RoundStatus.RUNNING, "running",
            RoundStatus.COMPLETED, "completed",
            RoundStatus.FAILED, "failed"));

    static final CodeTable<Promotion> PROMOTION = CodeTable.of(Promotion.class, Map.of(
            Promotion.PROMOTED, "promoted",
            Promotion.KEPT_CURRENT, "kept-current"));

    static final CodeTable<PromotionBasis> BASIS = CodeTable.of(PromotionBasis.class, Map.of(
            PromotionBasis.SUFFICIENT_GAIN, "sufficient-gain",
            PromotionBasis.TOO_FEW_HELD_OUT, "too-few-held-out",
            PromotionBasis.REGRESSION, "regression",
            PromotionBasis.NO_GAIN, "no-gain",
            PromotionBasis.WITHIN_MARGIN, "within-margin",
            PromotionBasis.NOT_SIGNIFICANT, "not-significant"));

    /** Also the first field of an example's content hash. */
    static final CodeTable<ExampleKind> EXAMPLE_KIND = CodeTable.of(ExampleKind.class, Map.of(
            ExampleKind.SFT, "sft",
            ExampleKind.DPO, "dpo",
            ExampleKind.CRITIC, "critic"));

    private RoundCodes() {
    }
}
