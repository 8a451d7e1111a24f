package dev.stepwise.iteration;

import dev.stepwise.search.Theorem;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a round's conjecture stage needs from the application: the conjecturer, Lean's statement
 * check, the store of conjectures, and the settings. {@link #OFF} is a round's without the stage:
 * it records that it is off, and no earlier conjectures join the pool.
 */
public record Conjecturing(boolean enabled, Conjecturer conjecturer, Conjecturer.StatementCheck lean, Conjecturer.Book book,
        ConjectureSettings settings) {
    public Conjecturing {
        Objects.requireNonNull(conjecturer, "conjecturer");
        Objects.requireNonNull(lean, "lean");
        Objects.requireNonNull(book, "book");
        Objects.requireNonNull(settings, "settings");
    }

    public static Conjecturing on(Conjecturer conjecturer, Conjecturer.StatementCheck lean, Conjecturer.Book book,
            ConjectureSettings settings) {
        return new Conjecturing(true, conjecturer, lean, book, settings);
    }

    private static final Conjecturer NONE = new Conjecturer() {
        @Override
        public String model() {
            return "";
        }

        @Override
        public String prompt(String seed) {
            throw new IllegalStateException("the conjecture stage is off");
        }

        @Override
        public List<String> propose(String seed, int k, long sampleSeed) {
            throw new IllegalStateException("the conjecture stage is off");
        }

        @Override
        public String completion(String statement) {
            throw new IllegalStateException("the conjecture stage is off");
        }

        @Override
        public Optional<String> refuses(String statement) {
            throw new IllegalStateException("the conjecture stage is off");
        }
    };

    /** A round without the conjecture stage. */
    public static final Conjecturing OFF = new Conjecturing(false, NONE, (Theorem t) -> {
        throw new IllegalStateException("the conjecture stage is off");
    }, new Conjecturer.Book() {
        @Override
        public void record(int round, List<Conjecture> conjectures) {
            throw new IllegalStateException("the conjecture stage is off");
        }

        @Override
        public List<Conjecture> before(int round) {
            return List.of();
        }
    }, new ConjectureSettings(1, 1, 1, 0, 0, 1));
}
