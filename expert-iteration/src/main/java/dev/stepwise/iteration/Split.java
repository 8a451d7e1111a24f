package dev.stepwise.iteration;

/**
 * Train or validation. A statement's examples all go to the same side, decided by a hash of its
 * name, so the validation loss measures statements the model was not trained on and the split is
 * the same on every run and every machine.
 */
public enum Split {
    TRAIN("train"),
    VALID("valid");

    private final String code;

    Split(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    static Split of(String problem, double validFraction) {
        return Sha256.unitFraction("split:" + problem) < validFraction ? VALID : TRAIN;
    }
}
