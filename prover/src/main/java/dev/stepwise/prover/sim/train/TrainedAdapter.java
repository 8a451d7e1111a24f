package dev.stepwise.prover.sim.train;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What the simulated trainer learned: the examples of its training file, how it trained on them
 * and how strongly loading the adapter favours exactly the trained pairs. The simulated model
 * server locates each prompt's state in its world when it loads the adapter and turns the
 * examples into skill levels (docs/world-format.md, "The model of learning").
 */
public record TrainedAdapter(String baseModel, double strength, Training training, List<Pair> examples) {

    public TrainedAdapter {
        Objects.requireNonNull(baseModel, "baseModel");
        Objects.requireNonNull(training, "training");
        if (!(strength > 0) || Double.isInfinite(strength)) {
            throw new IllegalArgumentException("adapter strength must be a positive number, got " + strength);
        }
        examples = List.copyOf(examples);
    }

    /** An adapter trained with the default settings (three epochs at 2e-5, SFT, seed 0). */
    public TrainedAdapter(String baseModel, double strength, List<Pair> examples) {
        this(baseModel, strength, Training.defaults(), examples);
    }

    /** One training example: the prompt (containing a proof state), the tactic it should give, and for DPO the one it should not. */
    public record Pair(String prompt, String completion, String rejected) {
        public Pair {
            Objects.requireNonNull(prompt, "prompt");
            Objects.requireNonNull(completion, "completion");
        }

        public Pair(String prompt, String completion) {
            this(prompt, completion, null);
        }
    }

    /** How the adapter was trained. */
    public enum Method {
        SFT, DPO;

        public static Method parse(String text) {
            try {
                return valueOf(text.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown training method '" + text + "' (sft or dpo)");
            }
        }
    }

    /**
     * The training settings the model of learning reads.
     *
     * @param epochs passes over the data ({@code num_train_epochs})
     * @param learningRate the peak learning rate
     * @param method SFT or DPO
     * @param seed the seed of the training noise
     * @param effect what training does: {@link Effect#LEARN}, nothing, or the sabotage of shuffled tactics
     */
    public record Training(int epochs, double learningRate, Method method, long seed, Effect effect) {
        public static final int DEFAULT_EPOCHS = 3;
        public static final double DEFAULT_LEARNING_RATE = 2e-5;

        public Training {
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(effect, "effect");
            if (epochs < 1) {
                throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
            }
            if (!(learningRate > 0 && learningRate < 1)) {
                throw new IllegalArgumentException("learning rate must be in (0, 1), got " + learningRate);
            }
        }

        public static Training defaults() {
            return new Training(DEFAULT_EPOCHS, DEFAULT_LEARNING_RATE, Method.SFT, 0, Effect.LEARN);
        }
    }

    /** What a simulated training run does to the model. */
    public enum Effect {
        /** Learns skills from the examples (the model of learning). */
        LEARN,
        /** Learns nothing: the adapter serves the base model's distribution (a run without training). */
        NONE,
        /** Sabotage: the completions were shuffled across prompts before training (must never help). */
        SHUFFLED;

        public static Effect parse(String text) {
            return switch (text.strip().toLowerCase(Locale.ROOT)) {
                case "learn" -> LEARN;
                case "none" -> NONE;
                case "shuffled", "shuffled-tactics" -> SHUFFLED;
                default -> throw new IllegalArgumentException("unknown training effect '" + text + "' (learn, none, shuffled-tactics)");
            };
        }

        public String code() {
            return this == SHUFFLED ? "shuffled-tactics" : name().toLowerCase(Locale.ROOT);
        }
    }
}
