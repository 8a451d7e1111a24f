package dev.stepwise.iteration;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What a round's conjecture stage wrote ({@code conjecture.json}): every conjecture with its
 * verdict and lineage, and the training examples harvested from the proved ones' proofs, which the
 * filter stage takes with the round's own.
 *
 * @param seeds proved statements the conjectures were asked from
 */
public record ConjectureOutput(String model, int seeds, List<Conjecture> conjectures, Harvest harvest) {
    public ConjectureOutput {
        Objects.requireNonNull(model, "model");
        conjectures = List.copyOf(conjectures);
        Objects.requireNonNull(harvest, "harvest");
    }

    long count(ConjectureVerdict v) {
        return conjectures.stream().filter(c -> c.verdict() == v).count();
    }

    /** Proposed, then those past the word filter that Lean elaborated, then those new among them, proved, kept. */
    public Funnel funnel() {
        long proposed = conjectures.size();
        long elaborated = proposed - count(ConjectureVerdict.REFUSED) - count(ConjectureVerdict.NOT_ELABORATING);
        long fresh = elaborated - count(ConjectureVerdict.DUPLICATE);
        long proved = conjectures.stream().filter(c -> c.proved() > 0).count();
        return new Funnel(proposed, elaborated, fresh, proved, count(ConjectureVerdict.KEPT));
    }

    /** The counts the rounds report shows. */
    public record Funnel(long proposed, long elaborated, long fresh, long proved, long kept) {
    }

    public String summary() {
        Funnel f = funnel();
        return String.format(Locale.ROOT, "%d conjectures from %d seeds by %s: %d elaborated, %d new, %d proved, %d kept"
                + " (refused %d, not elaborating %d, duplicate %d, unprovable %d, too easy %d, too hard %d); %s", f.proposed(), seeds,
                model, f.elaborated(), f.fresh(), f.proved(), f.kept(), count(ConjectureVerdict.REFUSED),
                count(ConjectureVerdict.NOT_ELABORATING), count(ConjectureVerdict.DUPLICATE), count(ConjectureVerdict.UNPROVABLE),
                count(ConjectureVerdict.TOO_EASY), count(ConjectureVerdict.TOO_HARD), harvest.summary());
    }
}
