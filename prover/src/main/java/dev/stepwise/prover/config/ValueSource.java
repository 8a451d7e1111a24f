package dev.stepwise.prover.config;

/** Where an effective value came from; later layers win: default < file < environment < flag. */
public record ValueSource(Layer layer, String detail) {

    public enum Layer { DEFAULT, FILE, ENVIRONMENT, FLAG }

    public static final ValueSource DEFAULT = new ValueSource(Layer.DEFAULT, "default");

    @Override
    public String toString() {
        return detail;
    }
}
