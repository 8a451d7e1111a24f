package dev.stepwise.prover.iterate;

import dev.stepwise.iteration.Example;
import dev.stepwise.iteration.Filtered;
import dev.stepwise.iteration.IterationException;
import dev.stepwise.iteration.Promotion;
import dev.stepwise.iteration.PromotionDecision;
import dev.stepwise.iteration.RoundRecord;
import dev.stepwise.iteration.RoundStatus;
import dev.stepwise.iteration.RoundStore;
import dev.stepwise.iteration.Stage;
import dev.stepwise.iteration.StageRecord;
import dev.stepwise.prover.store.FilterDecision;
import dev.stepwise.prover.store.FilterResult;
import dev.stepwise.prover.store.IterationRecords;
import dev.stepwise.prover.store.NewExample;
import dev.stepwise.prover.store.NewRound;
import dev.stepwise.prover.store.Round;
import dev.stepwise.prover.store.RoundStage;
import dev.stepwise.prover.store.Store;
import dev.stepwise.prover.store.TrainingExample;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Expert-iteration rounds in the SQLite store: the {@code rounds} and {@code round_stages} tables,
 * and the harvested examples in {@code training_examples}. The store keeps the examples a round
 * kept (and those the perplexity band dropped, with their perplexity); examples dropped before
 * scoring stay only in the round's {@code filter.json}, because the store holds a perplexity with
 * every filter verdict.
 */
final class StoreRoundStore implements RoundStore {
    private final Store store;

    StoreRoundStore(Store store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    private Round round(int number) {
        return store.rounds().find(number).orElseThrow(() -> new IterationException(IterationException.Kind.USAGE,
                "there is no round " + number + " in " + store.path()));
    }

    @Override
    public RoundRecord start(int number, String pool, String configJson, String currentModel, Instant at) {
        store.rounds().start(new NewRound(number, pool, configJson, currentModel, at));
        return find(number).orElseThrow();
    }

    @Override
    public void resume(int number) {
        store.rounds().resume(round(number).id());
    }

    @Override
    public void beginStage(int number, Stage stage, Instant at) {
        store.rounds().beginStage(round(number).id(), RoundStage.valueOf(stage.name()), at);
    }

    @Override
    public void completeStage(int number, Stage stage, String summary, Instant at) {
        store.rounds().completeStage(round(number).id(), RoundStage.valueOf(stage.name()), summary, at);
    }

    @Override
    public void setCandidate(int number, String candidateModel) {
        store.rounds().setCandidate(round(number).id(), candidateModel);
    }

    @Override
    public void decide(int number, PromotionDecision d) {
        store.rounds().decide(round(number).id(), new dev.stepwise.prover.store.PromotionDecision(d.currentPassRate(),
                d.candidatePassRate(), d.margin(), dev.stepwise.prover.store.Promotion.valueOf(d.promotion().name()), d.reason()));
    }

    @Override
    public void complete(int number, Instant at) {
        store.rounds().complete(round(number).id(), at);
    }

    @Override
    public void fail(int number, String error, Instant at) {
        store.rounds().fail(round(number).id(), error, at);
    }

    @Override
    public Optional<RoundRecord> find(int number) {
        return store.rounds().find(number).map(this::record);
    }

    @Override
    public List<RoundRecord> list() {
        return store.rounds().list().stream().map(this::record).toList();
    }

    private RoundRecord record(Round r) {
        List<StageRecord> stages = store.rounds().stages(r.id()).stream()
                .map(s -> new StageRecord(Stage.valueOf(s.stage().name()), RoundStatus.valueOf(s.status().name()), s.summary(),
                        s.startedAt(), s.endedAt()))
                .toList();
        PromotionDecision decision = r.decision() == null ? null : new PromotionDecision(r.decision().currentPassRate(),
                r.decision().candidatePassRate(), r.decision().margin(), Promotion.valueOf(r.decision().promotion().name()),
                r.decision().reason());
        return new RoundRecord(r.number(), r.pool(), r.configJson(), Stage.valueOf(r.stage().name()),
                RoundStatus.valueOf(r.status().name()), r.currentModel(), r.candidateModel(), decision, r.error(), r.startedAt(),
                r.endedAt(), stages);
    }

    @Override
    public void recordExamples(int number, Filtered filtered) {
        Round round = round(number);
        List<NewExample> added = new ArrayList<>();
        Map<String, FilterResultPending> verdicts = new HashMap<>();
        for (Example e : filtered.kept()) {
            NewExample n = toNew(round, e);
            added.add(n);
            Double ppl = filtered.perplexities().get(e.contentHash());
            if (ppl != null) {
                verdicts.put(n.contentHash(), new FilterResultPending(ppl, FilterDecision.KEPT));
            }
        }
        for (Filtered.Drop d : filtered.dropped()) {
            Double ppl = filtered.perplexities().get(d.example().contentHash());
            if (ppl != null) {
                NewExample n = toNew(round, d.example());
                added.add(n);
                verdicts.put(n.contentHash(), new FilterResultPending(ppl, FilterDecision.DROPPED));
            }
        }
        store.examples().add(added);
        List<FilterResult> results = new ArrayList<>();
        for (dev.stepwise.prover.store.ExampleKind kind : dev.stepwise.prover.store.ExampleKind.values()) {
            for (TrainingExample t : store.examples().forRound(round.id(), kind)) {
                FilterResultPending v = verdicts.get(t.contentHash());
                if (v != null) {
                    // The store requires perplexity >= 1; a log-prob sum clamped at 0 gives exactly 1.
                    results.add(new FilterResult(t.id(), Math.max(1.0, v.perplexity()), v.decision()));
                }
            }
        }
        store.examples().recordFilter(results);
    }

    private record FilterResultPending(double perplexity, FilterDecision decision) {
    }

    private static NewExample toNew(Round round, Example e) {
        return IterationRecords.newExample(round.id(), e, null);
    }

    @Override
    public Set<String> keptHashesBefore(int number) {
        // The store's content hash is the same digest as Example.contentHash().
        Set<String> out = new HashSet<>();
        for (dev.stepwise.prover.store.ExampleKind kind : dev.stepwise.prover.store.ExampleKind.values()) {
            for (TrainingExample t : store.examples().accumulated(kind, number - 1)) {
                out.add(t.contentHash());
            }
        }
        return out;
    }
}
