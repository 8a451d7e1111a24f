package dev.stepwise.prover.rounds;

import dev.stepwise.iteration.Filtered;
import dev.stepwise.iteration.IterationException;
import dev.stepwise.iteration.RoundRecord;
import dev.stepwise.iteration.RoundStore;
import dev.stepwise.iteration.Stage;
import dev.stepwise.prover.store.DatabaseException;
import dev.stepwise.prover.store.Promotion;
import dev.stepwise.prover.store.PromotionDecision;
import dev.stepwise.prover.store.RoundId;
import dev.stepwise.prover.store.RoundStage;
import dev.stepwise.prover.store.RoundStatus;
import dev.stepwise.prover.store.Store;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/** The expert-iteration module's {@link RoundStore}, kept in the Stepwise database. */
public final class StoreRoundStore implements RoundStore {
    private final RoundRepository rounds;
    private final TrainingExampleRepository examples;

    public StoreRoundStore(Store store) {
        this.rounds = store.rounds();
        this.examples = store.examples();
    }

    @Override
    public RoundRecord start(int number, String pool, String configJson, String currentModel, Instant at) {
        Round round = usage(() -> rounds.start(new NewRound(number, pool, configJson, currentModel, at)));
        return record(round);
    }

    @Override
    public void resume(int number) {
        RoundId id = id(number);
        usage(() -> {
            rounds.resume(id);
            return null;
        });
    }

    @Override
    public void beginStage(int number, Stage stage, Instant at) {
        rounds.beginStage(id(number), stage(stage), at);
    }

    @Override
    public void completeStage(int number, Stage stage, String summary, Instant at) {
        rounds.completeStage(id(number), stage(stage), summary, at);
    }

    @Override
    public void setCandidate(int number, String candidateModel) {
        rounds.setCandidate(id(number), candidateModel);
    }

    @Override
    public void decide(int number, dev.stepwise.iteration.PromotionDecision decision) {
        rounds.decide(id(number), new PromotionDecision(decision.currentPassRate(), decision.candidatePassRate(),
                decision.margin(), switch (decision.promotion()) {
                    case PROMOTED -> Promotion.PROMOTED;
                    case KEPT_CURRENT -> Promotion.KEPT_CURRENT;
                }, decision.reason()));
    }

    @Override
    public void complete(int number, Instant at) {
        rounds.complete(id(number), at);
    }

    @Override
    public void fail(int number, String error, Instant at) {
        rounds.fail(id(number), error, at);
    }

    @Override
    public Optional<RoundRecord> find(int number) {
        return rounds.find(number).map(this::record);
    }

    @Override
    public List<RoundRecord> list() {
        return rounds.list().stream().map(this::record).toList();
    }

    @Override
    public void recordExamples(int number, Filtered filtered) {
        RoundId round = id(number);
        List<NewExample> rows = new ArrayList<>();
        for (var e : filtered.kept()) {
            rows.add(IterationRecords.newExample(round, e, ExampleFilter.kept(filtered.perplexities().get(e.contentHash()))));
        }
        for (Filtered.Drop d : filtered.dropped()) {
            rows.add(IterationRecords.newExample(round, d.example(),
                    ExampleFilter.dropped(d.reason(), filtered.perplexities().get(d.example().contentHash()))));
        }
        examples.replaceRound(round, rows);
    }

    @Override
    public Set<String> keptHashesBefore(int number) {
        return examples.keptHashesBefore(number);
    }

    private RoundId id(int number) {
        return rounds.find(number).map(Round::id).orElseThrow(() -> new IterationException(IterationException.Kind.USAGE,
                "there is no round " + number));
    }

    private RoundRecord record(Round r) {
        List<dev.stepwise.iteration.StageRecord> stages = rounds.stages(r.id()).stream()
                .map(s -> new dev.stepwise.iteration.StageRecord(stage(s.stage()), status(s.status()), s.summary(),
                        s.startedAt(), s.endedAt()))
                .toList();
        dev.stepwise.iteration.PromotionDecision decision = r.decision() == null ? null
                : new dev.stepwise.iteration.PromotionDecision(r.decision().currentPassRate(),
                        r.decision().candidatePassRate(), r.decision().margin(), switch (r.decision().promotion()) {
                            case PROMOTED -> dev.stepwise.iteration.Promotion.PROMOTED;
                            case KEPT_CURRENT -> dev.stepwise.iteration.Promotion.KEPT_CURRENT;
                        }, r.decision().reason());
        return new RoundRecord(r.number(), r.pool(), r.configJson(), stage(r.stage()), status(r.status()), r.currentModel(),
                r.candidateModel(), decision, r.error(), r.startedAt(), r.endedAt(), stages);
    }

    /** The store refuses a taken number or a second running round as input errors; the module calls them usage. */
    private static <T> T usage(Supplier<T> call) {
        try {
            return call.get();
        } catch (DatabaseException e) {
            if (e.kind() != DatabaseException.Kind.INPUT) {
                throw e;
            }
            throw new IterationException(IterationException.Kind.USAGE, e.getMessage(), e);
        }
    }

    static RoundStage stage(Stage stage) {
        return switch (stage) {
            case SELECT -> RoundStage.SELECT;
            case SEARCH -> RoundStage.SEARCH;
            case HARVEST -> RoundStage.HARVEST;
            case FILTER -> RoundStage.FILTER;
            case EXPORT -> RoundStage.EXPORT;
            case TRAIN -> RoundStage.TRAIN;
            case EVALUATE -> RoundStage.EVALUATE;
            case PROMOTE -> RoundStage.PROMOTE;
        };
    }

    static Stage stage(RoundStage stage) {
        return switch (stage) {
            case SELECT -> Stage.SELECT;
            case SEARCH -> Stage.SEARCH;
            case HARVEST -> Stage.HARVEST;
            case FILTER -> Stage.FILTER;
            case EXPORT -> Stage.EXPORT;
            case TRAIN -> Stage.TRAIN;
            case EVALUATE -> Stage.EVALUATE;
            case PROMOTE -> Stage.PROMOTE;
        };
    }

    static dev.stepwise.iteration.RoundStatus status(RoundStatus status) {
        return switch (status) {
            case RUNNING -> dev.stepwise.iteration.RoundStatus.RUNNING;
            case COMPLETED -> dev.stepwise.iteration.RoundStatus.COMPLETED;
            case FAILED -> dev.stepwise.iteration.RoundStatus.FAILED;
        };
    }
}
