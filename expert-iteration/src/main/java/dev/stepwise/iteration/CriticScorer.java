package dev.stepwise.iteration;

import dev.stepwise.search.Theorem;
import java.util.List;

/** A critic's estimate of how likely each statement is to be solved (higher first), for the curriculum. */
public interface CriticScorer {
    /** One score per theorem, in order. */
    List<Double> score(List<Theorem> theorems);
}
