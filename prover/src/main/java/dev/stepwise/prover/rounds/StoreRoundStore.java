package dev.stepwise.prover.rounds;

import dev.stepwise.iteration.Filtered;
import dev.stepwise.iteration.IterationException;
import dev.stepwise.iteration.PromotionDecision;
import dev.stepwise.iteration.RoundRecord;
import dev.stepwise.iteration.RoundStore;
import dev.stepwise.iteration.Stage;
import dev.stepwise.prover.exit.ExitCode;
import dev.stepwise.prover.store.DatabaseException;
import dev.stepwise.prover.store.RoundId;
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
        this.rounds = new RoundRepository(store);
        this.examples = new TrainingExampleRepository(store);
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
        rounds.beginStage(id(number), stage, at);
    }

    @Override
    public void completeStage(int number, Stage stage, String summary, Instant at) {
        rounds.completeStage(id(number), stage, summary, at);
    }

    @Override
    public void setCandidate(int number, String candidateModel) {
        rounds.setCandidate(id(number), candidateModel);
    }

    @Override
    public void decide(int number, PromotionDecision decision) {
        rounds.decide(id(number), decision);
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
            rows.add(IterationRecords.newExample(round, e, FilterVerdict.kept(filtered.perplexities().get(e.contentHash()))));
        }
        for (Filtered.Drop d : filtered.dropped()) {
            rows.add(IterationRecords.newExample(round, d.example(),
                    FilterVerdict.dropped(d.reason(), filtered.perplexities().get(d.example().contentHash()))));
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
        return new RoundRecord(r.number(), r.pool(), r.configJson(), r.stage(), r.status(), r.currentModel(),
                r.candidateModel(), r.decision(), r.error(), r.startedAt(), r.endedAt(), rounds.stages(r.id()));
    }

    /** The store refuses a taken number or a second running round as input errors; the module calls them usage. */
    private static <T> T usage(Supplier<T> call) {
        try {
            return call.get();
        } catch (DatabaseException e) {
            if (e.exitCode() != ExitCode.USAGE) {
                throw e;
            }
            throw new IterationException(IterationException.Kind.USAGE, e.getMessage(), e);
        }
    }
}
