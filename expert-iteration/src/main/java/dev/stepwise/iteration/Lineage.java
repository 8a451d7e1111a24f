package dev.stepwise.iteration;

import java.util.List;
import java.util.Optional;

/**
 * Which model is in service: the candidate of the latest round that promoted one, or the base
 * model. Derived from the rounds themselves, so there is no second record that could disagree.
 */
final class Lineage {
    private final RoundServices services;

    Lineage(RoundServices services) {
        this.services = services;
    }

    /** The latest round before {@code beforeRound} that promoted its candidate. */
    Optional<RoundRecord> promoting(int beforeRound) {
        List<RoundRecord> rounds = services.store().list();
        RoundRecord last = null;
        for (RoundRecord r : rounds) {
            if (r.number() < beforeRound && r.decision() != null && r.decision().promotion() == Promotion.PROMOTED) {
                last = r;
            }
        }
        return Optional.ofNullable(last);
    }

    String currentModel(int beforeRound, String baseModel) {
        return promoting(beforeRound).map(RoundRecord::candidateModel).orElse(baseModel);
    }

    /** Loads the model in service into the server when it is a trained checkpoint (a restarted server forgot it). */
    void serveCurrent(int beforeRound) {
        promoting(beforeRound).ifPresent(r -> services.serving().load(
                services.files(r.number()).read(RoundFiles.TRAIN_DIR + "/" + RoundFiles.CHECKPOINT, ModelServing.Checkpoint.class)));
    }
}
