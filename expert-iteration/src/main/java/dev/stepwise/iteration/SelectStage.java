package dev.stepwise.iteration;

import dev.stepwise.search.Theorem;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Splits off the held-out statements (by a hash of each name, so the split never moves between
 * rounds), drops the statements earlier runs solved, orders the rest by the curriculum and caps them.
 */
final class SelectStage implements StageStep {

    static boolean heldOut(Theorem t, double evalFraction) {
        return Sha256.unitFraction("eval:" + t.name()) < evalFraction;
    }

    @Override
    public String run(RoundContext round) {
        RoundSettings s = round.settings();
        List<Theorem> heldOut = round.pool().stream().filter(t -> heldOut(t, s.evalFraction())).toList();
        if (heldOut.isEmpty()) {
            throw new IterationException(IterationException.Kind.USAGE, "pool " + round.poolName() + " has no held-out statements at"
                    + " iterate.eval-fraction=" + s.evalFraction() + "; raise it or use a larger pool");
        }
        List<Theorem> candidates = round.pool().stream().filter(t -> !heldOut(t, s.evalFraction())).toList();
        Map<String, ProblemHistory.Past> past = round.services().history().of(candidates);
        List<Theorem> unsolved = candidates.stream().filter(t -> !past.getOrDefault(t.name(), ProblemHistory.Past.NONE).solved())
                .toList();
        List<Theorem> ordered = switch (s.curriculum()) {
            case FEWEST_ATTEMPTS -> unsolved.stream()
                    .sorted(Comparator.comparingInt(t -> past.getOrDefault(t.name(), ProblemHistory.Past.NONE).attempts()))
                    .toList();
            case CRITIC -> byCritic(round, unsolved);
        };
        List<Theorem> train = new ArrayList<>(ordered.subList(0, Math.min(s.maxProblems(), ordered.size())));
        List<Theorem> conjectures = openConjectures(round);
        train.addAll(conjectures);
        int solved = candidates.size() - unsolved.size();
        round.files().write(RoundFiles.SELECTION, new StageOutputs.Selection(train, heldOut, round.pool().size(), solved));
        // Said at the start, in the round's one line, rather than after hours of search and training.
        String tooFew = heldOut.size() >= s.minHeldOut() ? "" : "; too few held-out (" + heldOut.size() + " < iterate.min-held-out "
                + s.minHeldOut() + "): the candidate will be kept out of service";
        return String.format(Locale.ROOT, "pool %d: %d held out, %d solved before, %d unsolved; selected %d by %s%s%s",
                round.pool().size(), heldOut.size(), solved, unsolved.size(), train.size() - conjectures.size(),
                s.curriculum().name().toLowerCase(Locale.ROOT).replace('_', '-'),
                conjectures.isEmpty() ? "" : "; and " + conjectures.size() + " unsolved conjectures of earlier rounds", tooFew);
    }

    /**
     * The conjectures earlier rounds attempted without a proof and no round has proved since, oldest
     * first, at most a round's cap of them: the pool grows with the prover (STP). Never held out.
     */
    private static List<Theorem> openConjectures(RoundContext round) {
        Conjecturing c = round.services().conjecturing();
        if (!c.enabled()) {
            return List.of();
        }
        List<Theorem> open = c.book().before(round.number()).stream()
                .filter(x -> x.verdict() == ConjectureVerdict.UNPROVABLE).map(Conjecture::theorem).toList();
        Map<String, ProblemHistory.Past> past = round.services().history().of(open);
        return open.stream().filter(t -> !past.getOrDefault(t.name(), ProblemHistory.Past.NONE).solved())
                .limit(c.settings().maxPerRound()).toList();
    }

    private static List<Theorem> byCritic(RoundContext round, List<Theorem> unsolved) {
        List<Double> scores = round.services().critic().score(unsolved);
        if (scores.size() != unsolved.size()) {
            throw new IllegalStateException("the critic answered " + scores.size() + " scores for " + unsolved.size() + " statements");
        }
        List<Integer> order = new ArrayList<>(IntStream.range(0, unsolved.size()).boxed().toList());
        order.sort(Comparator.comparingDouble((Integer i) -> -scores.get(i)));
        return order.stream().map(unsolved::get).toList();
    }
}
