package dev.stepwise.prover.iterate;

import dev.stepwise.iteration.Filtered;
import dev.stepwise.iteration.PromotionDecision;
import dev.stepwise.iteration.RoundRecord;
import dev.stepwise.iteration.RoundStore;
import dev.stepwise.iteration.Stage;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A round store that also tells the user, on stderr, when each stage begins and what it did: a
 * round runs for hours, and its stages are where it spends them. Every call is recorded first.
 */
final class AnnouncingRoundStore implements RoundStore {
    private final RoundStore store;
    private final PrintWriter err;
    private final Map<Stage, Instant> began = new EnumMap<>(Stage.class);

    AnnouncingRoundStore(RoundStore store, PrintWriter err) {
        this.store = Objects.requireNonNull(store, "store");
        this.err = Objects.requireNonNull(err, "err");
    }

    @Override
    public RoundRecord start(int number, String pool, String configJson, String currentModel, Instant at) {
        RoundRecord r = store.start(number, pool, configJson, currentModel, at);
        say("round %d: started on pool %s with %s", number, pool, currentModel);
        return r;
    }

    @Override
    public void resume(int number) {
        store.resume(number);
        say("round %d: resumed", number);
    }

    @Override
    public void beginStage(int number, Stage stage, Instant at) {
        store.beginStage(number, stage, at);
        began.put(stage, at);
        say("round %d · %s …", number, stage.code());
    }

    @Override
    public void completeStage(int number, Stage stage, String summary, Instant at) {
        store.completeStage(number, stage, summary, at);
        Instant from = began.get(stage);
        String took = from == null ? "" : String.format(Locale.ROOT, " (%.1f s)", Duration.between(from, at).toMillis() / 1000.0);
        say("round %d · %s done%s: %s", number, stage.code(), took, summary);
    }

    @Override
    public void setCandidate(int number, String candidateModel) {
        store.setCandidate(number, candidateModel);
    }

    @Override
    public void decide(int number, PromotionDecision decision) {
        store.decide(number, decision);
    }

    @Override
    public void complete(int number, Instant at) {
        store.complete(number, at);
    }

    @Override
    public void fail(int number, String error, Instant at) {
        store.fail(number, error, at);
    }

    @Override
    public Optional<RoundRecord> find(int number) {
        return store.find(number);
    }

    @Override
    public List<RoundRecord> list() {
        return store.list();
    }

    @Override
    public void recordExamples(int number, Filtered filtered) {
        store.recordExamples(number, filtered);
    }

    @Override
    public Set<String> keptHashesBefore(int number) {
        return store.keptHashesBefore(number);
    }

    private void say(String format, Object... args) {
        err.println(String.format(Locale.ROOT, format, args));
        err.flush();
    }
}
